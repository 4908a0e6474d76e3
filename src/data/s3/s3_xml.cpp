#include "data/s3/s3_xml.hpp"

#include <charconv>
#include <memory>
#include <stdexcept>

#include "core/errors.hpp"
#include "core/utf8.hpp"

namespace mtm::data::s3 {

namespace {

struct Node {
  std::string name;
  std::string text;  // concatenated character data directly inside this element
  std::vector<std::unique_ptr<Node>> children;

  [[nodiscard]] const Node* child(std::string_view n) const {
    for (const auto& c : children)
      if (c->name == n) return c.get();
    return nullptr;
  }
  [[nodiscard]] std::string child_text(std::string_view n) const {
    const Node* c = child(n);
    return c ? c->text : std::string();
  }
};

// Thrown inside the parser with the byte offset; converted to DataLoadError by the callers.
struct XmlSyntaxError {
  std::size_t offset;
  std::string what;
};

class Parser {
 public:
  explicit Parser(std::string_view xml) : s_(xml) {}

  std::unique_ptr<Node> parse_document() {
    skip_misc();
    if (pos_ >= s_.size() || s_[pos_] != '<') fail("expected a root element");
    auto root = parse_element(0);
    skip_misc();
    if (pos_ != s_.size()) fail("content after the root element");
    return root;
  }

 private:
  [[noreturn]] void fail(const std::string& what) const { throw XmlSyntaxError{pos_, what}; }

  bool starts_with(std::string_view p) const { return s_.substr(pos_, p.size()) == p; }

  void skip_ws() {
    while (pos_ < s_.size() && (s_[pos_] == ' ' || s_[pos_] == '\t' || s_[pos_] == '\r' || s_[pos_] == '\n')) ++pos_;
  }

  void skip_until(std::string_view end) {
    const std::size_t e = s_.find(end, pos_);
    if (e == std::string_view::npos) fail("unterminated '" + std::string(s_.substr(pos_, 4)) + "'");
    pos_ = e + end.size();
  }

  // Whitespace, the XML declaration, processing instructions, comments and a DOCTYPE may surround the root.
  void skip_misc() {
    // A UTF-8 byte-order mark is legal at the very start.
    if (pos_ == 0 && starts_with("\xEF\xBB\xBF")) pos_ = 3;
    for (;;) {
      skip_ws();
      if (starts_with("<?")) {
        skip_until("?>");
      } else if (starts_with("<!--")) {
        skip_until("-->");
      } else if (starts_with("<!DOCTYPE")) {
        skip_until(">");
      } else {
        return;
      }
    }
  }

  std::string parse_name() {
    const std::size_t start = pos_;
    while (pos_ < s_.size()) {
      const char c = s_[pos_];
      if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '>' || c == '/' || c == '=' || c == '<') break;
      ++pos_;
    }
    if (pos_ == start) fail("expected a name");
    return std::string(s_.substr(start, pos_ - start));
  }

  void skip_attributes() {
    for (;;) {
      skip_ws();
      if (pos_ >= s_.size()) fail("unterminated start tag");
      if (s_[pos_] == '>' || s_[pos_] == '/') return;
      parse_name();
      skip_ws();
      if (pos_ >= s_.size() || s_[pos_] != '=') fail("expected '=' in an attribute");
      ++pos_;
      skip_ws();
      if (pos_ >= s_.size() || (s_[pos_] != '"' && s_[pos_] != '\'')) fail("expected a quoted attribute value");
      const char q = s_[pos_++];
      const std::size_t e = s_.find(q, pos_);
      if (e == std::string_view::npos) fail("unterminated attribute value");
      pos_ = e + 1;
    }
  }

  std::unique_ptr<Node> parse_element(int depth) {
    // S3 documents are three levels deep; a cap keeps hostile input from exhausting the stack.
    if (depth > 64) fail("elements nested too deeply");
    ++pos_;  // '<'
    auto node = std::make_unique<Node>();
    node->name = parse_name();
    skip_attributes();
    if (s_[pos_] == '/') {
      if (pos_ + 1 >= s_.size() || s_[pos_ + 1] != '>') fail("expected '/>'");
      pos_ += 2;
      return node;
    }
    ++pos_;  // '>'
    for (;;) {
      if (pos_ >= s_.size()) fail("missing </" + node->name + ">");
      if (starts_with("</")) {
        pos_ += 2;
        const std::string closing = parse_name();
        if (closing != node->name) fail("</" + closing + "> closes <" + node->name + ">");
        skip_ws();
        if (pos_ >= s_.size() || s_[pos_] != '>') fail("expected '>'");
        ++pos_;
        return node;
      }
      if (starts_with("<!--")) {
        skip_until("-->");
      } else if (starts_with("<![CDATA[")) {
        pos_ += 9;
        const std::size_t e = s_.find("]]>", pos_);
        if (e == std::string_view::npos) fail("unterminated CDATA section");
        node->text.append(s_.substr(pos_, e - pos_));
        pos_ = e + 3;
      } else if (starts_with("<?")) {
        skip_until("?>");
      } else if (s_[pos_] == '<') {
        node->children.push_back(parse_element(depth + 1));
      } else {
        const std::size_t e = s_.find('<', pos_);
        const std::string_view raw = s_.substr(pos_, e == std::string_view::npos ? s_.size() - pos_ : e - pos_);
        try {
          node->text += xml_unescape(raw);
        } catch (const std::invalid_argument& ex) {
          fail(ex.what());
        }
        pos_ += raw.size();
      }
    }
  }

  std::string_view s_;
  std::size_t pos_ = 0;
};

std::unique_ptr<Node> parse_or_throw(std::string_view xml, const std::string& source) {
  try {
    return Parser(xml).parse_document();
  } catch (const XmlSyntaxError& e) {
    throw DataLoadError(source, "malformed XML at byte " + std::to_string(e.offset) + ": " + e.what);
  }
}

std::string error_text(const Node& err) {
  std::string code = err.child_text("Code");
  std::string message = err.child_text("Message");
  return "S3 error " + (code.empty() ? std::string("(no code)") : code) + (message.empty() ? "" : ": " + message);
}

}  // namespace

std::string xml_unescape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '&') {
      out += text[i];
      continue;
    }
    const std::size_t semi = text.find(';', i);
    if (semi == std::string_view::npos || semi - i > 12) throw std::invalid_argument("unterminated entity");
    const std::string_view ent = text.substr(i + 1, semi - i - 1);
    if (ent == "amp") {
      out += '&';
    } else if (ent == "lt") {
      out += '<';
    } else if (ent == "gt") {
      out += '>';
    } else if (ent == "quot") {
      out += '"';
    } else if (ent == "apos") {
      out += '\'';
    } else if (ent.size() >= 2 && ent[0] == '#') {
      const bool hex = ent[1] == 'x' || ent[1] == 'X';
      const std::string_view digits = ent.substr(hex ? 2 : 1);
      std::uint32_t cp = 0;
      const auto [p, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), cp, hex ? 16 : 10);
      if (digits.empty() || ec != std::errc() || p != digits.data() + digits.size() || cp == 0 || cp > 0x10FFFF ||
          (cp >= 0xD800 && cp <= 0xDFFF)) {
        throw std::invalid_argument("bad character reference '&" + std::string(ent) + ";'");
      }
      mtm::append_utf8(out, cp);
    } else {
      throw std::invalid_argument("unknown entity '&" + std::string(ent) + ";'");
    }
    i = semi;
  }
  return out;
}

ListPage parse_list_objects(std::string_view xml, const std::string& source) {
  const auto root = parse_or_throw(xml, source);
  if (root->name == "Error") throw DataLoadError(source, error_text(*root));
  if (root->name != "ListBucketResult") {
    throw DataLoadError(source, "expected <ListBucketResult>, found <" + root->name + ">");
  }
  ListPage page;
  page.truncated = root->child_text("IsTruncated") == "true";
  page.next_token = root->child_text("NextContinuationToken");
  for (const auto& c : root->children) {
    if (c->name != "Contents") continue;
    ObjectInfo info;
    const Node* key = c->child("Key");
    if (key == nullptr || key->text.empty()) throw DataLoadError(source, "<Contents> without a <Key>");
    info.key = key->text;
    info.etag = c->child_text("ETag");
    const std::string size = c->child_text("Size");
    const auto [p, ec] = std::from_chars(size.data(), size.data() + size.size(), info.size);
    if (size.empty() || ec != std::errc() || p != size.data() + size.size() || info.size < 0) {
      throw DataLoadError(source, "bad <Size> '" + size + "' for key '" + info.key + "'");
    }
    page.objects.push_back(std::move(info));
  }
  if (page.truncated && page.next_token.empty()) {
    throw DataLoadError(source, "truncated listing without a <NextContinuationToken>");
  }
  return page;
}

std::optional<S3ErrorBody> parse_error_body(std::string_view xml) {
  if (xml.empty()) return std::nullopt;
  std::unique_ptr<Node> root;
  try {
    root = Parser(xml).parse_document();
  } catch (const XmlSyntaxError&) {
    return std::nullopt;
  }
  if (root->name != "Error") return std::nullopt;
  return S3ErrorBody{root->child_text("Code"), root->child_text("Message")};
}

}  // namespace mtm::data::s3
