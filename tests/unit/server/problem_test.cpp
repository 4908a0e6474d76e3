#include "server/problem.hpp"

#include <gtest/gtest.h>

namespace mtm::server {
namespace {

TEST(Problem, AcceptLanguageTable) {
  struct Case {
    const char* header;
    Lang lang;
  };
  const Case cases[] = {
      {"", Lang::En},
      {"fr", Lang::Fr},
      {"fr-FR,fr;q=0.9,en-US;q=0.8,en;q=0.7", Lang::Fr},
      {"en-GB,fr;q=0.9", Lang::En},
      {"de-DE,de;q=0.9,fr;q=0.8,en;q=0.5", Lang::Fr},
      {"en;q=0.3, fr;q=0.6", Lang::Fr},
      {"de", Lang::En},
      {"fr;q=0", Lang::En},
      {"FR-ca", Lang::Fr},
  };
  for (const auto& c : cases) EXPECT_EQ(language_from_accept(c.header), c.lang) << c.header;
}

TEST(Problem, RequestLanguagePrefersTheLangParameter) {
  Request req;
  req.headers.emplace("Accept-Language", "fr");
  EXPECT_EQ(request_language(req), Lang::Fr);
  req.params.emplace("lang", "en");
  EXPECT_EQ(request_language(req), Lang::En);
  Request invalid;
  invalid.params.emplace("lang", "de");
  invalid.headers.emplace("Accept-Language", "fr");
  EXPECT_EQ(request_language(invalid), Lang::Fr);
}

TEST(Problem, DetailsAreFilledInBothLanguages) {
  EXPECT_EQ(problem_detail(ProblemKind::UnknownParameter, Lang::En, "x", "a, b"),
            "Unknown parameter 'x'. Accepted parameters: a, b.");
  EXPECT_EQ(problem_detail(ProblemKind::UnknownParameter, Lang::Fr, "x", "a, b"),
            "Paramètre inconnu « x ». Paramètres acceptés : a, b.");
  EXPECT_EQ(problem_detail(ProblemKind::RepeatedParameter, Lang::Fr, "top_n"),
            "Le paramètre « top_n » est donné plus d'une fois.");
  EXPECT_EQ(problem_detail(ProblemKind::InvalidValue, Lang::En, "top_n", "an integer"),
            "Invalid value for parameter 'top_n': an integer.");
}

TEST(Problem, DocumentHasTheRfc9457Members) {
  const auto doc = problem_json(ProblemKind::InvalidValue, Lang::Fr, "détail", "year_from");
  EXPECT_EQ(doc["type"], "/problems/invalid-value");
  EXPECT_EQ(doc["title"], "Valeur de paramètre invalide");
  EXPECT_EQ(doc["status"], 400);
  EXPECT_EQ(doc["detail"], "détail");
  EXPECT_EQ(doc["parameter"], "year_from");
  EXPECT_FALSE(problem_json(ProblemKind::Internal, Lang::En, "d").contains("parameter"));
}

TEST(Problem, StatusPerKind) {
  EXPECT_EQ(problem_status(ProblemKind::UnknownParameter), 400);
  EXPECT_EQ(problem_status(ProblemKind::RepeatedParameter), 400);
  EXPECT_EQ(problem_status(ProblemKind::InvalidValue), 400);
  EXPECT_EQ(problem_status(ProblemKind::UnknownAnalysis), 404);
  EXPECT_EQ(problem_status(ProblemKind::NotFound), 404);
  EXPECT_EQ(problem_status(ProblemKind::AnalysisFailed), 422);
  EXPECT_EQ(problem_status(ProblemKind::NotReady), 503);
  EXPECT_EQ(problem_status(ProblemKind::Internal), 500);
  EXPECT_EQ(problem_status(ProblemKind::PayloadTooLarge), 413);
  EXPECT_EQ(problem_status(ProblemKind::TooManyRequests), 429);
  EXPECT_EQ(problem_status(ProblemKind::AdminDisabled), 403);
  EXPECT_EQ(problem_status(ProblemKind::Unauthorized), 401);
  EXPECT_EQ(problem_status(ProblemKind::ReloadFailed), 503);
  EXPECT_EQ(problem_status(ProblemKind::ShuttingDown), 503);
  // A kind without a message falls back to the generic internal error, never to another kind's text.
  EXPECT_EQ(problem_status(static_cast<ProblemKind>(999)), 500);
}

}  // namespace
}  // namespace mtm::server
