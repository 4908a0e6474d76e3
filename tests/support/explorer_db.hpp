// The explorer's hand-built database: six recipes with names, descriptions, ingredients, tags,
// contributors, ratings and two hostile reviews. tests/oracle/explorer_expected.py computes the
// expected scores for exactly these rows.
#pragma once

#include "data/duckdb.hpp"

namespace mtm::test {

/// Fill database with the explorer rows (the schema of docs/data-model.md).
void create_explorer_db(db::Database& database);

/// The raw review of user 103 on recipe 2 (HTML-escaped markup, as Food.com stores it) and its decoded form.
inline constexpr const char* kEscapedReview =
    "I tried &lt;script&gt;alert(1)&lt;/script&gt; &amp; it&#039;s fine<br/>ok";
inline constexpr const char* kDecodedReview = "I tried <script>alert(1)</script> & it's fine\nok";
/// The raw review of user 100 on recipe 2: literal markup.
inline constexpr const char* kRawScriptReview = "<script>window.pwned = 1</script><b>bold?</b>";

}  // namespace mtm::test
