// Word forms: Snowball stems (libstemmer), so "cookies" finds "cookie" and "tomates" is read as "tomate".
// Stems are keys for matching only, never shown.
#pragma once

#include <string>
#include <string_view>

namespace mtm::analysis::explorer {

enum class StemLanguage { English, French };

/// Snowball stem of a folded word (lowercase, accents removed). Thread-safe: each thread has its own
/// stemmers (a Snowball stemmer keeps state between calls).
std::string stem(std::string_view word, StemLanguage language = StemLanguage::English);

}  // namespace mtm::analysis::explorer
