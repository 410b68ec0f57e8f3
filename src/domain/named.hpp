// Enumerations with an API code and a Chinese label, kept as one constexpr table per enum (in enum
// order, checked at compile time) and looked up the same way everywhere.
#pragma once
#include <array>
#include <optional>
#include <string_view>

namespace qsm::domain {

template <class E>
struct Named {
  E value;
  std::string_view code, label;
};

template <class E, std::size_t N>
constexpr bool in_enum_order(const std::array<Named<E>, N>& table) {
  for (std::size_t i = 0; i < N; ++i)
    if (static_cast<std::size_t>(table[i].value) != i) return false;
  return true;
}

template <class E, std::size_t N>
constexpr const Named<E>& named(const std::array<Named<E>, N>& table, E e) {
  return table[static_cast<std::size_t>(e)];
}

template <class E, std::size_t N>
constexpr std::optional<E> from_code(const std::array<Named<E>, N>& table, std::string_view code) {
  for (const auto& n : table)
    if (n.code == code) return n.value;
  return std::nullopt;
}

// The label of a code, or nullopt when the table has no such code.
template <class E, std::size_t N>
constexpr std::optional<std::string_view> label_of_code(const std::array<Named<E>, N>& table, std::string_view code) {
  for (const auto& n : table)
    if (n.code == code) return n.label;
  return std::nullopt;
}

}  // namespace qsm::domain
