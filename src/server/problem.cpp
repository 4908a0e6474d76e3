#include "server/problem.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdlib>

namespace mtm::server {

namespace {

struct Message {
  // cppcheck-suppress unusedStructMember ; read in message() through the array, which cppcheck does not follow
  ProblemKind kind;
  int status;
  std::string_view slug;
  std::string_view title_en;
  std::string_view title_fr;
  std::string_view detail_en;
  std::string_view detail_fr;
};

// The only user-facing server texts; the UI has its own i18n files. Internal stays last: it is the fallback.
constexpr std::array<Message, 19> kMessages = {{
    {ProblemKind::UnknownParameter, 400, "unknown-parameter", "Unknown parameter", "Paramètre inconnu",
     "Unknown parameter '{0}'. Accepted parameters: {1}.", "Paramètre inconnu « {0} ». Paramètres acceptés : {1}."},
    {ProblemKind::RepeatedParameter, 400, "repeated-parameter", "Repeated parameter", "Paramètre répété",
     "Parameter '{0}' is given more than once.", "Le paramètre « {0} » est donné plus d'une fois."},
    {ProblemKind::InvalidValue, 400, "invalid-value", "Invalid parameter value", "Valeur de paramètre invalide",
     "Invalid value for parameter '{0}': {1}.", "Valeur invalide pour le paramètre « {0} » : {1}."},
    {ProblemKind::UnknownAnalysis, 404, "unknown-analysis", "Unknown analysis", "Analyse inconnue",
     "There is no analysis '{0}'. GET /api/v1/analyses lists them.",
     "Il n'existe pas d'analyse « {0} ». GET /api/v1/analyses les liste."},
    {ProblemKind::NotFound, 404, "not-found", "Not found", "Introuvable", "Nothing is published at '{0}'.",
     "Rien n'est publié à l'adresse « {0} »."},
    {ProblemKind::AnalysisFailed, 422, "analysis-error", "The analysis cannot be computed",
     "L'analyse ne peut pas être calculée", "{0}", "{0}"},
    {ProblemKind::NotReady, 503, "not-ready", "Service not ready", "Service pas prêt", "The database is not answering.",
     "La base de données ne répond pas."},
    {ProblemKind::AdminDisabled, 403, "admin-disabled", "Administration disabled", "Administration désactivée",
     "No admin token is configured on this server, so administration requests are refused.",
     "Aucun jeton d'administration n'est configuré sur ce serveur : les requêtes d'administration sont refusées."},
    {ProblemKind::Unauthorized, 401, "unauthorized", "Unauthorized", "Non autorisé",
     "This request needs the admin token in an 'Authorization: Bearer' header.",
     "Cette requête exige le jeton d'administration dans un en-tête « Authorization: Bearer »."},
    {ProblemKind::ReloadFailed, 503, "reload-failed", "Reload failed", "Échec du rechargement",
     "The new dataset could not be loaded; the current one stays in service. The details are logged.",
     "Le nouveau jeu de données n'a pas pu être chargé ; l'actuel reste en service. Les détails sont journalisés."},
    {ProblemKind::ShuttingDown, 503, "shutting-down", "Server stopping", "Serveur en cours d'arrêt",
     "This server is stopping; send the request again (another replica answers it, if there is one).",
     "Ce serveur s'arrête ; renvoyez la requête (une autre instance y répond, s'il y en a une)."},
    {ProblemKind::PayloadTooLarge, 413, "payload-too-large", "Request too large", "Requête trop volumineuse",
     "The request body is larger than {0} bytes.", "Le corps de la requête dépasse {0} octets."},
    {ProblemKind::TooManyRequests, 429, "too-many-requests", "Too many requests", "Trop de requêtes",
     "Too many requests from this client; retry in {0} s.", "Trop de requêtes de ce client ; réessayez dans {0} s."},
    {ProblemKind::MethodNotAllowed, 405, "method-not-allowed", "Method not allowed", "Méthode non autorisée",
     "This path accepts {0} only.", "Cette adresse n'accepte que {0}."},
    {ProblemKind::UriTooLong, 414, "uri-too-long", "Address too long", "Adresse trop longue",
     "The request address is too long.", "L'adresse de la requête est trop longue."},
    {ProblemKind::BadRequest, 400, "bad-request", "Malformed request", "Requête malformée",
     "The request could not be read as HTTP.", "La requête n'a pas pu être lue comme du HTTP."},
    {ProblemKind::HeadersTooLarge, 431, "headers-too-large", "Request headers too large",
     "En-têtes de requête trop volumineux", "The request has too many or too large header fields.",
     "La requête a trop d'en-têtes ou des en-têtes trop longs."},
    {ProblemKind::Busy, 503, "busy", "Server busy", "Serveur occupé",
     "The server has too much work right now; retry in a moment.",
     "Le serveur a trop de travail en ce moment ; réessayez dans un instant."},
    {ProblemKind::Internal, 500, "internal-error", "Internal error", "Erreur interne",
     "The server could not complete the request. The incident is logged.",
     "Le serveur n'a pas pu traiter la requête. L'incident est journalisé."},
}};

const Message& message(ProblemKind kind) {
  for (const auto& m : kMessages) {
    if (m.kind == kind) return m;
  }
  return kMessages.back();  // Internal
}

std::string fill(std::string_view pattern, std::string_view arg0, std::string_view arg1) {
  std::string out;
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    if (pattern[i] == '{' && i + 2 < pattern.size() && pattern[i + 2] == '}' &&
        (pattern[i + 1] == '0' || pattern[i + 1] == '1')) {
      out += pattern[i + 1] == '0' ? arg0 : arg1;
      i += 2;
    } else {
      out += pattern[i];
    }
  }
  return out;
}

struct ErrorProblem {
  // cppcheck-suppress unusedStructMember ; read in problem_kind_for() through the array
  ErrorKind error;
  // cppcheck-suppress unusedStructMember ; read in problem_kind_for() through the array
  ProblemKind problem;
};

// Data that cannot be read makes the service not ready (503); a database or configuration failure is the
// server's own (500, its details only in the log).
constexpr std::array<ErrorProblem, 6> kErrorProblems = {{
    {ErrorKind::Validation, ProblemKind::InvalidValue},
    {ErrorKind::NotFound, ProblemKind::NotFound},
    {ErrorKind::Analysis, ProblemKind::AnalysisFailed},
    {ErrorKind::DataLoad, ProblemKind::NotReady},
    {ErrorKind::Database, ProblemKind::Internal},
    {ErrorKind::Configuration, ProblemKind::Internal},
}};

}  // namespace

ProblemKind problem_kind_for(ErrorKind kind) noexcept {
  for (const auto& entry : kErrorProblems) {
    if (entry.error == kind) return entry.problem;
  }
  return ProblemKind::Internal;
}

std::string_view lang_code(Lang lang) {
  return lang == Lang::Fr ? "fr" : "en";
}

Lang language_from_accept(std::string_view accept_language) {
  double best_q = -1;
  Lang best = Lang::En;
  std::size_t start = 0;
  while (start < accept_language.size()) {
    std::size_t comma = accept_language.find(',', start);
    if (comma == std::string_view::npos) comma = accept_language.size();
    std::string item(accept_language.substr(start, comma - start));
    start = comma + 1;
    std::transform(item.begin(), item.end(), item.begin(), [](unsigned char c) { return std::tolower(c); });
    std::string tag = item.substr(0, item.find(';'));
    tag.erase(0, tag.find_first_not_of(" \t"));
    tag.erase(tag.find_last_not_of(" \t") + 1);
    double q = 1.0;
    const auto at = item.find("q=");
    if (at != std::string::npos) q = std::strtod(item.c_str() + at + 2, nullptr);
    const std::string primary = tag.substr(0, tag.find('-'));
    if ((primary == "fr" || primary == "en") && q > best_q && q > 0) {
      best_q = q;
      best = primary == "fr" ? Lang::Fr : Lang::En;
    }
  }
  return best;
}

Lang request_language(const Request& req) {
  if (req.has_param("lang")) {
    const std::string value = req.get_param_value("lang");
    if (value == "fr") return Lang::Fr;
    if (value == "en") return Lang::En;
  }
  return language_from_accept(req.get_header_value("Accept-Language"));
}

std::string message_language(const Request& req) {
  if (req.has_param("lang")) return req.get_param_value("lang");
  return std::string(lang_code(request_language(req)));
}

std::string problem_title(ProblemKind kind, Lang lang) {
  const auto& m = message(kind);
  return std::string(lang == Lang::Fr ? m.title_fr : m.title_en);
}

std::string problem_detail(ProblemKind kind, Lang lang, std::string_view arg0, std::string_view arg1) {
  const auto& m = message(kind);
  return fill(lang == Lang::Fr ? m.detail_fr : m.detail_en, arg0, arg1);
}

int problem_status(ProblemKind kind) {
  return message(kind).status;
}

std::string_view problem_slug(ProblemKind kind) {
  return message(kind).slug;
}

nlohmann::json problem_json(ProblemKind kind, Lang lang, const std::string& detail, const std::string& parameter) {
  nlohmann::json doc = {
      {"type", fmt::format("/problems/{}", problem_slug(kind))},
      {"title", problem_title(kind, lang)},
      {"status", problem_status(kind)},
      {"detail", detail},
  };
  if (!parameter.empty()) doc["parameter"] = parameter;
  return doc;
}

void send_problem(const Request& req, Response& res, ProblemKind kind, const std::string& detail,
                  const std::string& parameter) {
  const Lang lang = request_language(req);
  res.status = problem_status(kind);
  res.set_header("Cache-Control", "no-store");
  res.set_header("Content-Language", std::string(lang_code(lang)));
  res.set_content(
      problem_json(kind, lang, detail, parameter).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace),
      "application/problem+json");
}

}  // namespace mtm::server
