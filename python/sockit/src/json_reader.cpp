// SPDX-License-Identifier: MIT
// json_reader: a recursive-descent JSON reader that builds Python objects directly (no token list).
#include "json_reader.hpp"

#include <charconv>
#include <cstdint>
#include <cstdlib>

namespace sockit::python {
namespace {

// An owned reference released unless handed over with release().
struct owned {
    PyObject* p;
    explicit owned(PyObject* q) : p(q) {}
    ~owned() { Py_XDECREF(p); }
    owned(const owned&) = delete;
    owned& operator=(const owned&) = delete;
    PyObject* release() noexcept {
        PyObject* q = p;
        p = nullptr;
        return q;
    }
};

void put_utf8(std::string& out, std::uint32_t cp) {
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xc0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3f));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xe0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3f));
        out += static_cast<char>(0x80 | (cp & 0x3f));
    } else {
        out += static_cast<char>(0xf0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3f));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3f));
        out += static_cast<char>(0x80 | (cp & 0x3f));
    }
}

}  // namespace

py::object json_reader::parse(std::string_view text) {
    begin_ = p_ = text.data();
    end_ = text.data() + text.size();
    // Thousands of dicts and lists without a cycle among them: collections meanwhile would only scan them.
    struct gc_pause {
        int was_enabled = PyGC_Disable();
        ~gc_pause() {
            if (was_enabled) PyGC_Enable();
        }
    } pause;
    PyObject* v = value();
    skip_space();
    if (p_ != end_) {
        Py_DECREF(v);
        fail("trailing characters");
    }
    return py::reinterpret_steal<py::object>(v);
}

void json_reader::fail(const char* what) const {
    throw py::value_error(std::string("bad JSON at offset ") + std::to_string(p_ - begin_) + ": " + what);
}

void json_reader::skip_space() noexcept {
    while (p_ != end_ && (*p_ == ' ' || *p_ == '\n' || *p_ == '\r' || *p_ == '\t')) ++p_;
}

PyObject* json_reader::value() {
    skip_space();
    if (p_ == end_) fail("unexpected end");
    switch (*p_) {
        case '{': return object();
        case '[': return array();
        case '"': return string(false);
        case 't': return literal("true", Py_True);
        case 'f': return literal("false", Py_False);
        case 'n': return literal("null", Py_None);
        default: return number();
    }
}

PyObject* json_reader::literal(std::string_view word, PyObject* result) {
    if (std::string_view(p_, static_cast<std::size_t>(end_ - p_)).substr(0, word.size()) != word)
        fail("bad literal");
    p_ += word.size();
    Py_INCREF(result);
    return result;
}

PyObject* json_reader::object() {
    ++p_;  // '{'
    owned dict(PyDict_New());
    if (dict.p == nullptr) throw py::error_already_set();
    skip_space();
    if (p_ != end_ && *p_ == '}') {
        ++p_;
        return dict.release();
    }
    for (;;) {
        skip_space();
        if (p_ == end_ || *p_ != '"') fail("expected a key");
        PyObject* key = string(true);  // borrowed from keys_
        skip_space();
        if (p_ == end_ || *p_ != ':') fail("expected ':'");
        ++p_;
        owned item(value());
        if (PyDict_SetItem(dict.p, key, item.p) != 0) throw py::error_already_set();
        skip_space();
        if (p_ != end_ && *p_ == ',') {
            ++p_;
            continue;
        }
        if (p_ != end_ && *p_ == '}') {
            ++p_;
            return dict.release();
        }
        fail("expected ',' or '}'");
    }
}

PyObject* json_reader::array() {
    ++p_;  // '['
    owned list(PyList_New(0));
    if (list.p == nullptr) throw py::error_already_set();
    skip_space();
    if (p_ != end_ && *p_ == ']') {
        ++p_;
        return list.release();
    }
    for (;;) {
        owned item(value());
        if (PyList_Append(list.p, item.p) != 0) throw py::error_already_set();
        skip_space();
        if (p_ != end_ && *p_ == ',') {
            ++p_;
            continue;
        }
        if (p_ != end_ && *p_ == ']') {
            ++p_;
            return list.release();
        }
        fail("expected ',' or ']'");
    }
}

// A string; a key comes from (and goes into) keys_ and is returned borrowed.
PyObject* json_reader::string(bool key) {
    const char* start = ++p_;
    while (p_ != end_ && *p_ != '"' && *p_ != '\\') ++p_;
    std::string_view text(start, static_cast<std::size_t>(p_ - start));
    if (p_ != end_ && *p_ == '\\') {
        scratch_.assign(start, p_);
        while (p_ != end_ && *p_ != '"') {
            if (*p_ != '\\') {
                scratch_ += *p_++;
                continue;
            }
            if (++p_ == end_) fail("unexpected end");
            const char c = *p_++;
            switch (c) {
                case 'b': scratch_ += '\b'; break;
                case 'f': scratch_ += '\f'; break;
                case 'n': scratch_ += '\n'; break;
                case 'r': scratch_ += '\r'; break;
                case 't': scratch_ += '\t'; break;
                case 'u': {
                    std::uint32_t cp = 0;
                    if (end_ - p_ < 4 || std::from_chars(p_, p_ + 4, cp, 16).ptr != p_ + 4)
                        fail("bad \\u escape");
                    p_ += 4;
                    if (cp >= 0xd800 && cp < 0xdc00 && end_ - p_ >= 6 && p_[0] == '\\' && p_[1] == 'u') {
                        std::uint32_t low = 0;
                        if (std::from_chars(p_ + 2, p_ + 6, low, 16).ptr == p_ + 6 && low >= 0xdc00 &&
                            low < 0xe000) {
                            cp = 0x10000 + ((cp - 0xd800) << 10) + (low - 0xdc00);
                            p_ += 6;
                        }
                    }
                    put_utf8(scratch_, cp);
                    break;
                }
                default: scratch_ += c;  // '"', '\\', '/'
            }
        }
        text = scratch_;
    }
    if (p_ == end_) fail("unterminated string");
    ++p_;  // '"'
    if (key) {
        std::uint32_t hash = 2166136261U;
        for (char c : text) hash = (hash ^ static_cast<unsigned char>(c)) * 16777619U;
        cached_key& slot = keys_[hash % key_slots];
        if (!slot.str || slot.text != text) {
            py::object k = py::reinterpret_steal<py::object>(
                PyUnicode_DecodeUTF8(text.data(), static_cast<Py_ssize_t>(text.size()), "strict"));
            if (!k) throw py::error_already_set();
            slot.text.assign(text);
            slot.str = std::move(k);
        }
        return slot.str.ptr();
    }
    PyObject* s = PyUnicode_DecodeUTF8(text.data(), static_cast<Py_ssize_t>(text.size()), "strict");
    if (s == nullptr) throw py::error_already_set();
    return s;
}

PyObject* json_reader::number() {
    const char* start = p_;
    bool integral = true;
    if (p_ != end_ && *p_ == '-') ++p_;
    while (p_ != end_ && ((*p_ >= '0' && *p_ <= '9') || *p_ == '.' || *p_ == 'e' || *p_ == 'E' ||
                          *p_ == '+' || *p_ == '-')) {
        if (*p_ < '0' || *p_ > '9') integral = false;
        ++p_;
    }
    if (p_ == start) fail("unexpected character");
    PyObject* v = nullptr;
    if (integral) {
        std::uint64_t u = 0;
        std::int64_t i = 0;
        if (*start != '-' && std::from_chars(start, p_, u).ptr == p_) {
            v = PyLong_FromUnsignedLongLong(u);
        } else if (std::from_chars(start, p_, i).ptr == p_) {
            v = PyLong_FromLongLong(i);
        } else {
            v = PyLong_FromString(std::string(start, p_).c_str(), nullptr, 10);
        }
    } else {
        // correctly rounded, as Python's float() reads the same text
        v = PyFloat_FromString(py::str(std::string(start, p_)).ptr());
    }
    if (v == nullptr) throw py::error_already_set();
    return v;
}

}  // namespace sockit::python
