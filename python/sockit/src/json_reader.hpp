// SPDX-License-Identifier: MIT
// json_reader: JSON text (RFC 8259) straight to Python objects, for the JSON the library's printers
// write; object keys are made once and shared, so a stream of similar objects costs little per key.
#pragma once

#include <pybind11/pybind11.h>

#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace sockit::python {

namespace py = pybind11;

/// Reads one JSON value into dict, list, str, int, float, bool and None. Errors: ValueError with the
/// byte offset for text that is not JSON (the printers never write any). Holds the GIL; single-threaded.
class json_reader {
public:
    py::object parse(std::string_view text);

private:
    struct key_hash {
        using is_transparent = void;
        std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
    };

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
    std::unordered_map<std::string, py::object, key_hash, std::equal_to<>> keys_;
};

}  // namespace sockit::python
