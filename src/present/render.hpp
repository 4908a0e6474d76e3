// Turns a language-free result into one language: every message node (message.hpp) becomes its text in
// lang, everything else is copied as is.
#pragma once

#include <nlohmann/json.hpp>
#include <string_view>

#include "present/catalog.hpp"

namespace mtm::present {

[[nodiscard]] nlohmann::json render(const nlohmann::json& result, std::string_view lang,
                                    const Catalog& catalog = Catalog::instance());

}  // namespace mtm::present
