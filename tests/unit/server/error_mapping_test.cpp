// One mapping from an error's kind to the problem the client gets: each kind of core::Error has exactly one
// problem kind (status and type), and what the client reads never carries internals (SQL, server paths).
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "core/errors.hpp"
#include "server/problem.hpp"
#include "server/routes.hpp"

namespace mtm::server {
namespace {

using nlohmann::json;

TEST(ErrorMapping, EveryErrorKindHasOneProblemKind) {
  EXPECT_EQ(problem_kind_for(ErrorKind::Validation), ProblemKind::InvalidValue);
  EXPECT_EQ(problem_kind_for(ErrorKind::NotFound), ProblemKind::NotFound);
  EXPECT_EQ(problem_kind_for(ErrorKind::Analysis), ProblemKind::AnalysisFailed);
  EXPECT_EQ(problem_kind_for(ErrorKind::DataLoad), ProblemKind::NotReady);
  EXPECT_EQ(problem_kind_for(ErrorKind::Database), ProblemKind::Internal);
  EXPECT_EQ(problem_kind_for(ErrorKind::Configuration), ProblemKind::Internal);
}

json problem_of(const Error& error, const std::string& lang = "en") {
  Request req;
  req.path = "/api/v1/somewhere";
  req.params.emplace("lang", lang);
  req.params.emplace("top_n", "abc");
  Response res;
  send_error_problem(req, res, error);
  EXPECT_EQ(res.get_header_value("Content-Type"), "application/problem+json");
  json doc = json::parse(res.body);
  EXPECT_EQ(doc["status"], res.status);
  return doc;
}

TEST(ErrorMapping, EachErrorBecomesItsKindsProblemWithoutInternals) {
  const json validation = problem_of(ValidationError("top_n", "top_n must be an integer between 1 and 50"));
  EXPECT_EQ(validation["status"], 400);
  EXPECT_EQ(validation["type"], "/problems/invalid-value");
  EXPECT_EQ(validation["parameter"], "top_n");
  EXPECT_EQ(validation["detail"], "Top_n must be an integer between 1 and 50.");
  const json validation_fr = problem_of(ValidationError("top_n", "top_n must be an integer"), "fr");
  EXPECT_EQ(validation_fr["detail"],
            "Valeur invalide pour le paramètre « top_n » : un entier entre 1 et 100 (reçu : « abc »).");

  const json missing = problem_of(NotFoundError("index.html is not embedded"));
  EXPECT_EQ(missing["status"], 404);
  EXPECT_EQ(missing["detail"], "Nothing is published at '/api/v1/somewhere'.");

  const json analysis = problem_of(AnalysisError("not enough ratings in the selection"));
  EXPECT_EQ(analysis["status"], 422);
  EXPECT_EQ(analysis["type"], "/problems/analysis-error");
  EXPECT_EQ(analysis["detail"], "Not enough ratings in the selection.");

  const json data = problem_of(DataLoadError("/srv/secret/recipes.csv", 3, 4, "bad quote"));
  EXPECT_EQ(data["status"], 503);
  EXPECT_EQ(data["type"], "/problems/not-ready");
  EXPECT_EQ(data.dump().find("/srv"), std::string::npos);

  const json database = problem_of(DatabaseError("Binder Error: SELECT secret FROM /srv/db.duckdb"));
  EXPECT_EQ(database["status"], 500);
  EXPECT_EQ(database["type"], "/problems/internal-error");
  EXPECT_EQ(database.dump().find("secret"), std::string::npos);

  const json configuration = problem_of(ConfigurationError("bad key in /etc/mangetamain.ini"));
  EXPECT_EQ(configuration["status"], 500);
  EXPECT_EQ(configuration.dump().find("/etc"), std::string::npos);
}

}  // namespace
}  // namespace mtm::server
