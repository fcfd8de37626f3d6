// SPDX-License-Identifier: MIT
// json_reader: JSON text (RFC 8259) straight to Python objects, for the JSON the library's printers
// write; object keys are made once and shared, so a stream of similar objects costs little per key.
#pragma once

#include <pybind11/pybind11.h>

#include <array>
#include <string>
#include <string_view>

namespace sockit::python {

namespace py = pybind11;

/// Reads one JSON value into dict, list, str, int, float, bool and None. Errors: ValueError with the
/// byte offset for text that is not JSON (the printers never write any). Holds the GIL; single-threaded.
/// The cyclic garbage collector is paused while a value is built (it holds no cycles).
class json_reader {
public:
    py::object parse(std::string_view text);

private:
    // A key's shared str: a direct-mapped cache on the key's FNV-1a hash (a collision replaces the slot).
    struct cached_key {
        std::string text;
        py::object str;
    };
    static constexpr std::size_t key_slots = 512;

    PyObject* value();
    PyObject* object();
    PyObject* array();
    PyObject* string(bool key);
    PyObject* number();
    PyObject* literal(std::string_view word, PyObject* result);
    [[noreturn]] void fail(const char* what) const;
    void skip_space() noexcept;

    const char* begin_ = nullptr;
    const char* p_ = nullptr;
    const char* end_ = nullptr;
    std::string scratch_;  // a string with escapes, unescaped
    std::array<cached_key, key_slots> keys_;
};

}  // namespace sockit::python
