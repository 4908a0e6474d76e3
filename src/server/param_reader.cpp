#include "server/param_reader.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "analysis/explorer/text.hpp"
#include "analysis/filters.hpp"
#include "core/parameter_names.hpp"
#include "present/catalog.hpp"

namespace mtm::server {

std::string expected(const ParamSpec& s, std::string_view lang) {
  const auto say = [&](const char* what, const nlohmann::json& params) {
    return present::Catalog::instance().format(lang, fmt::format("problem.expected.{}", what), params);
  };
  // Bounds as written in the specification (a year stays 2018, not 2,018).
  const nlohmann::json range = {{"min", fmt::format("{}", s.minimum)}, {"max", fmt::format("{}", s.maximum)}};
  const std::string allowed = fmt::format("{}", fmt::join(s.allowed, ", "));
  if (s.type == "integer" || s.type == "number" || s.type == "integer_list") return say(s.type.c_str(), range);
  if (s.type == "boolean") return say("boolean", {});
  if (s.type == "enum" || s.type == "enum_list") return say(s.type.c_str(), {{"values", allowed}});
  if (s.type == "list")
    return say("list", {{"items", std::to_string(kMaxListItems)}, {"chars", std::to_string(kMaxItemLength)}});
  return say("text", {{"chars", std::to_string(kMaxText)}});
}

std::optional<ParamSpec> filter_param_spec(const std::string& name) {
  const auto* filter = analysis::find_filter_spec(name);
  if (filter == nullptr) return std::nullopt;
  return ParamSpec{filter->name, filter->type, filter->minimum, filter->maximum, filter->allowed, filter->description};
}

nlohmann::json openapi_parameter(const ParamSpec& s, const std::string& name) {
  nlohmann::json schema;
  if (s.type == "integer")
    schema = {{"type", "integer"}, {"minimum", s.minimum}, {"maximum", s.maximum}};
  else if (s.type == "number")
    schema = {{"type", "number"}, {"minimum", s.minimum}, {"maximum", s.maximum}};
  else if (s.type == "boolean")
    schema = {{"type", "boolean"}};
  else if (s.type == "enum")
    schema = {{"type", "string"}, {"enum", s.allowed}, {"default", s.allowed.front()}};
  else if (s.type == "list")
    schema = {{"type", "string"}, {"maxLength", kMaxListItems * (kMaxItemLength + 1)}};
  else
    schema = {{"type", "string"}, {"maxLength", kMaxText}};
  return {{"name", name}, {"in", "query"}, {"required", false}, {"description", s.description}, {"schema", schema}};
}

std::vector<std::pair<std::string, std::string>> checked_params(const Request& req,
                                                                const std::vector<std::string>& accepted) {
  std::vector<std::pair<std::string, std::string>> out(req.params.begin(), req.params.end());
  if (const auto bad = first_bad_name(out, accepted)) {
    if (bad->problem == BadParameterName::Problem::Unknown) {
      throw ParameterError(ProblemKind::UnknownParameter, bad->name, bad->accepted,
                           fmt::format("unknown parameter '{}' (accepted: {})", bad->name, bad->accepted));
    }
    throw ParameterError(ProblemKind::RepeatedParameter, bad->name, "",
                         fmt::format("parameter '{}' is given more than once", bad->name));
  }
  // The languages are the message catalogs' (i18n/<lang>.json, or MTM_I18N_DIR's).
  const auto& catalog = present::Catalog::instance();
  if (const auto lang = req.params.find("lang"); lang != req.params.end() && !catalog.has_language(lang->second)) {
    const std::string languages = fmt::format("{}", fmt::join(catalog.languages(), " | "));
    throw ParameterError(ProblemKind::InvalidValue, "lang", languages,
                         fmt::format("parameter 'lang' must be one of {}, got '{}'", languages, lang->second));
  }
  return out;
}

ParamReader::ParamReader(const Request& req, const std::vector<std::string>& accepted,
                         const std::vector<ParamSpec>& table)
    : table_(table), lang_(request_language(req)) {
  for (auto& [name, value] : checked_params(req, accepted)) values_[name] = value;
}

const ParamSpec& ParamReader::spec_of(const std::string& name) const {
  for (const auto& s : table_) {
    if (s.name == name) return s;
  }
  throw std::logic_error("no parameter spec " + name);
}

void ParamReader::fail(const std::string& name, const std::string& got, const std::string& spec_name) const {
  const auto& s = spec_of(spec_name.empty() ? name : spec_name);
  throw ParameterError(ProblemKind::InvalidValue, name, expected(s, lang_),
                       fmt::format("invalid value '{}' for parameter '{}': expected {}", got, name, expected(s, "en")));
}

const std::string* ParamReader::raw(const std::string& name) const {
  auto it = values_.find(name);
  return it == values_.end() ? nullptr : &it->second;
}

std::optional<std::int64_t> ParamReader::integer(const std::string& name) const {
  const auto* v = raw(name);
  if (v == nullptr) return std::nullopt;
  const auto& s = spec_of(name);
  std::size_t used = 0;
  long long parsed = 0;
  try {
    parsed = std::stoll(*v, &used);
  } catch (const std::exception&) {
    fail(name, *v);
  }
  if (used != v->size() || static_cast<double>(parsed) < s.minimum || static_cast<double>(parsed) > s.maximum)
    fail(name, *v);
  return parsed;
}

std::optional<double> ParamReader::number(const std::string& name) const {
  const auto* v = raw(name);
  if (v == nullptr) return std::nullopt;
  const auto& s = spec_of(name);
  std::size_t used = 0;
  double parsed = 0;
  try {
    parsed = std::stod(*v, &used);
  } catch (const std::exception&) {
    fail(name, *v);
  }
  if (used != v->size() || !std::isfinite(parsed) || parsed < s.minimum || parsed > s.maximum) fail(name, *v);
  return parsed;
}

std::string ParamReader::text(const std::string& name, const std::string& spec_name) const {
  const auto* v = raw(name);
  if (v == nullptr) return "";
  if (v->size() > kMaxText) fail(name, v->substr(0, 20) + "…", spec_name);
  return *v;
}

bool ParamReader::boolean(const std::string& name, bool fallback) const {
  const auto* v = raw(name);
  if (v == nullptr) return fallback;
  if (*v == "true") return true;
  if (*v == "false") return false;
  fail(name, *v);
}

std::string ParamReader::choice(const std::string& name) const {
  const auto* v = raw(name);
  const auto& s = spec_of(name);
  if (v == nullptr) return s.allowed.front();
  if (std::find(s.allowed.begin(), s.allowed.end(), *v) == s.allowed.end()) fail(name, *v);
  return *v;
}

std::optional<std::vector<std::string>> ParamReader::list(const std::string& name) const {
  const auto* v = raw(name);
  if (v == nullptr) return std::nullopt;
  std::vector<std::string> items;
  std::size_t start = 0;
  while (start <= v->size()) {
    std::size_t comma = v->find(',', start);
    if (comma == std::string::npos) comma = v->size();
    std::string item = analysis::explorer::clean_spaces(v->substr(start, comma - start));
    for (auto& ch : item) {
      if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
    }
    if (item.size() > kMaxItemLength) fail(name, item.substr(0, 20) + "…");
    if (!item.empty()) items.push_back(std::move(item));
    start = comma + 1;
  }
  if (items.size() > kMaxListItems) fail(name, *v);
  return items;
}

}  // namespace mtm::server
