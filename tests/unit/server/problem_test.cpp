#include "server/problem.hpp"

#include <gtest/gtest.h>

#include "present/catalog.hpp"

namespace mtm::server {
namespace {

TEST(Problem, AcceptLanguageTable) {
  struct Case {
    const char* header;
    const char* lang;
  };
  const Case cases[] = {
      {"", "en"},
      {"fr", "fr"},
      {"fr-FR,fr;q=0.9,en-US;q=0.8,en;q=0.7", "fr"},
      {"en-GB,fr;q=0.9", "en"},
      {"de-DE,de;q=0.9,fr;q=0.8,en;q=0.5", "fr"},
      {"en;q=0.3, fr;q=0.6", "fr"},
      {"de", "en"},
      {"fr;q=0", "en"},
      {"FR-ca", "fr"},
  };
  for (const auto& c : cases) EXPECT_EQ(language_from_accept(c.header), c.lang) << c.header;
}

TEST(Problem, RequestLanguagePrefersTheLangParameter) {
  Request req;
  req.headers.emplace("Accept-Language", "fr");
  EXPECT_EQ(request_language(req), "fr");
  req.params.emplace("lang", "en");
  EXPECT_EQ(request_language(req), "en");
  Request invalid;
  invalid.params.emplace("lang", "de");
  invalid.headers.emplace("Accept-Language", "fr");
  EXPECT_EQ(request_language(invalid), "fr");
}

TEST(Problem, DetailsAreFilledInBothLanguages) {
  EXPECT_EQ(problem_detail(ProblemKind::UnknownParameter, "en", "x", "a, b"),
            "Unknown parameter 'x'. Accepted parameters: a, b.");
  EXPECT_EQ(problem_detail(ProblemKind::UnknownParameter, "fr", "x", "a, b"),
            "Paramètre inconnu « x ». Paramètres acceptés : a, b.");
  EXPECT_EQ(problem_detail(ProblemKind::RepeatedParameter, "fr", "top_n"),
            "Le paramètre « top_n » est donné plus d'une fois.");
  EXPECT_EQ(problem_detail(ProblemKind::InvalidValue, "en", "top_n", "an integer"),
            "Invalid value for parameter 'top_n': an integer.");
}

TEST(Problem, EveryKindHasATitleAndADetailInEveryCatalogLanguage) {
  const std::size_t missing = present::Catalog::missing_count();
  for (const auto kind :
       {ProblemKind::UnknownParameter, ProblemKind::RepeatedParameter, ProblemKind::InvalidValue,
        ProblemKind::UnknownAnalysis, ProblemKind::NotFound, ProblemKind::AnalysisFailed, ProblemKind::NotReady,
        ProblemKind::Internal, ProblemKind::PayloadTooLarge, ProblemKind::TooManyRequests, ProblemKind::AdminDisabled,
        ProblemKind::Unauthorized, ProblemKind::ReloadFailed, ProblemKind::ShuttingDown, ProblemKind::MethodNotAllowed,
        ProblemKind::UriTooLong, ProblemKind::BadRequest, ProblemKind::HeadersTooLarge, ProblemKind::Busy}) {
    for (const auto& lang : present::Catalog::instance().languages()) {
      const std::string slug(problem_slug(kind));
      EXPECT_TRUE(present::Catalog::instance().has(lang, "problem." + slug + ".title")) << lang << " " << slug;
      EXPECT_TRUE(present::Catalog::instance().has(lang, "problem." + slug + ".detail")) << lang << " " << slug;
      EXPECT_FALSE(problem_title(kind, lang).empty());
    }
  }
  EXPECT_EQ(present::Catalog::missing_count(), missing);
  EXPECT_EQ(problem_detail(ProblemKind::TooManyRequests, "fr", "3"),
            "Trop de requêtes de ce client ; réessayez dans 3 s.");
  EXPECT_EQ(problem_detail(ProblemKind::NotFound, "en", "/x"), "Nothing is published at '/x'.");
}

TEST(Problem, DocumentHasTheRfc9457Members) {
  const auto doc = problem_json(ProblemKind::InvalidValue, "fr", "détail", "year_from");
  EXPECT_EQ(doc["type"], "/problems/invalid-value");
  EXPECT_EQ(doc["title"], "Valeur de paramètre invalide");
  EXPECT_EQ(doc["status"], 400);
  EXPECT_EQ(doc["detail"], "détail");
  EXPECT_EQ(doc["parameter"], "year_from");
  EXPECT_FALSE(problem_json(ProblemKind::Internal, "en", "d").contains("parameter"));
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
