// Text helpers of the explorer: the tokenizer shared by the search index and its queries, display
// clean-up of recipe names and reviews, and the one-edit test behind typo tolerance.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace mtm::analysis::explorer {

/// Words of a text: runs of ASCII letters and digits (lowercased) and non-ASCII bytes (kept, so
/// accented words stay whole); everything else separates words.
std::vector<std::string> tokenize(std::string_view text);

/// Call fn with each word of text, as tokenize() cuts them (the view is valid during the call only).
void for_each_word(std::string_view text, const std::function<void(std::string_view)>& fn);

/// Whitespace runs collapsed to one space, leading and trailing whitespace removed.
std::string clean_spaces(std::string_view text);

/// Food.com stores reviews and descriptions HTML-escaped (&#039;, &amp;, &quot;, <br/>): decode the
/// entities and turn <br> into a line break, so the UI can show the text as text (it never renders
/// markup; a literal "<script>" in a review stays visible characters).
std::string decode_html(std::string_view text);

/// True when b can be made from a by at most one insertion, deletion, substitution or swap of two
/// adjacent characters (Damerau-Levenshtein distance <= 1).
bool within_one_edit(std::string_view a, std::string_view b);

/// True when word is one of the words of item, ignoring a plural "s" on either side ("nuts" is in
/// "mixed nut"; "nut" is not in "walnuts").
bool item_has_word(std::string_view item, std::string_view word);

}  // namespace mtm::analysis::explorer
