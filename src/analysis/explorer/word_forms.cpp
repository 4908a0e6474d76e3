#include "analysis/explorer/word_forms.hpp"

#include <libstemmer.h>

#include <memory>
#include <stdexcept>

namespace mtm::analysis::explorer {

namespace {

struct StemmerDeleter {
  void operator()(sb_stemmer* stemmer) const noexcept { sb_stemmer_delete(stemmer); }
};
using Stemmer = std::unique_ptr<sb_stemmer, StemmerDeleter>;

Stemmer make_stemmer(const char* algorithm) {
  Stemmer stemmer(sb_stemmer_new(algorithm, "UTF_8"));
  if (!stemmer) throw std::runtime_error(std::string("no Snowball stemmer for ") + algorithm);
  return stemmer;
}

}  // namespace

std::string stem(std::string_view word, StemLanguage language) {
  thread_local const Stemmer english = make_stemmer("english");
  thread_local const Stemmer french = make_stemmer("french");
  sb_stemmer* stemmer = language == StemLanguage::English ? english.get() : french.get();
  const sb_symbol* out =
      sb_stemmer_stem(stemmer, reinterpret_cast<const sb_symbol*>(word.data()), static_cast<int>(word.size()));
  // NULL only when out of memory: the word itself is then its own key.
  if (out == nullptr) return std::string(word);
  return {reinterpret_cast<const char*>(out), static_cast<std::size_t>(sb_stemmer_length(stemmer))};
}

}  // namespace mtm::analysis::explorer
