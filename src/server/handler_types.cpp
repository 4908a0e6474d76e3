#include "server/handler_types.hpp"

#include <algorithm>
#include <cctype>
#include <iterator>

namespace mtm::server {

namespace {

template <typename Map>
std::string nth_value(const Map& map, std::string_view key, std::size_t id) {
  auto [first, last] = map.equal_range(key);
  if (static_cast<std::size_t>(std::distance(first, last)) <= id) return {};
  std::advance(first, static_cast<std::ptrdiff_t>(id));
  return first->second;
}

std::string decoded_component(std::string_view text) {
  std::string plus(text);
  std::replace(plus.begin(), plus.end(), '+', ' ');
  std::string out;
  return percent_decode(plus, out) ? out : plus;
}

}  // namespace

bool CaseInsensitiveLess::operator()(std::string_view a, std::string_view b) const noexcept {
  // ASCII only, as header names are (std::tolower would consult the locale on every character).
  const auto lower = [](char c) { return static_cast<unsigned char>(c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c); };
  return std::lexicographical_compare(a.begin(), a.end(), b.begin(), b.end(),
                                      [&](char x, char y) { return lower(x) < lower(y); });
}

bool Request::has_header(std::string_view name) const {
  return headers.find(name) != headers.end();
}

std::string Request::get_header_value(std::string_view name, std::size_t id) const {
  return nth_value(headers, name, id);
}

std::size_t Request::get_header_value_count(std::string_view name) const {
  return headers.count(name);
}

bool Request::has_param(const std::string& name) const {
  return params.find(name) != params.end();
}

std::string Request::get_param_value(const std::string& name, std::size_t id) const {
  return nth_value(params, name, id);
}

std::size_t Request::get_param_value_count(const std::string& name) const {
  return params.count(name);
}

void Response::set_header(std::string_view name, std::string_view value) {
  auto [first, last] = headers.equal_range(name);
  if (first == last) {
    headers.emplace(std::string(name), std::string(value));
    return;
  }
  first->second = std::string(value);
  headers.erase(std::next(first), last);
}

bool Response::has_header(std::string_view name) const {
  return headers.find(name) != headers.end();
}

std::string Response::get_header_value(std::string_view name, std::size_t id) const {
  return nth_value(headers, name, id);
}

void Response::set_content(std::string content, std::string_view content_type) {
  body = std::move(content);
  provider = nullptr;
  view_owner.reset();
  view = {};
  set_header("Content-Type", content_type);
}

void Response::set_content(const char* data, std::size_t n, std::string_view content_type) {
  set_content(std::string(data, n), content_type);
}

void Response::set_content_provider(std::size_t length, std::string_view content_type, ContentProvider content,
                                    std::function<void(bool)> release) {
  body.clear();
  view_owner.reset();
  view = {};
  provider = std::move(content);
  releaser = std::move(release);
  provider_length = length;
  set_header("Content-Type", content_type);
}

void Response::set_content_view(std::shared_ptr<const void> owner, std::string_view data,
                                std::string_view content_type) {
  body.clear();
  provider = nullptr;
  view_owner = std::move(owner);
  view = data;
  set_header("Content-Type", content_type);
}

std::size_t Response::content_length() const noexcept {
  if (provider) return provider_length;
  if (view_owner || !view.empty()) return view.size();
  return body.size();
}

bool percent_decode(std::string_view in, std::string& out) {
  out.clear();
  out.reserve(in.size());
  const auto hex = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  for (std::size_t i = 0; i < in.size(); ++i) {
    if (in[i] != '%') {
      out += in[i];
      continue;
    }
    if (i + 2 >= in.size()) return false;
    const int high = hex(in[i + 1]);
    const int low = hex(in[i + 2]);
    if (high < 0 || low < 0) return false;
    out += static_cast<char>(high * 16 + low);
    i += 2;
  }
  return true;
}

Params parse_query(std::string_view query) {
  Params params;
  while (!query.empty()) {
    const auto amp = query.find('&');
    const std::string_view item = query.substr(0, amp);
    if (!item.empty()) {
      const auto eq = item.find('=');
      params.emplace(decoded_component(item.substr(0, eq)),
                     eq == std::string_view::npos ? std::string() : decoded_component(item.substr(eq + 1)));
    }
    if (amp == std::string_view::npos) break;
    query.remove_prefix(amp + 1);
  }
  return params;
}

}  // namespace mtm::server
