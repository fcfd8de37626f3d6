// SPDX-License-Identifier: MIT
// pcap: sockit.decode_pcap, an iterator of one dict per packet of a pcap/pcapng file with the keys of
// `sockit decode --json`: the library's JSON printer writes a chunk of packets (without the GIL), and
// json_reader turns the chunk into dicts.
#include <pcap/pcap.h>
#include <pybind11/stl.h>
#include <stdio.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>
#include <optional>
#include <string>

#include "bindings.hpp"
#include "json_reader.hpp"
#include "sockit/dissect/packet_printer.hpp"
#include "sockit/wire/link_type.hpp"

namespace sockit::python {
namespace {

constexpr const char* decode_doc = R"(Decodes a pcap or pcapng file lazily: one dict per packet, with the
keys and values of `sockit decode --json` (frame, time, time_epoch, caplen, len, layers: a list of
{protocol: {offset, fields...}} from the link layer up, and stop/stop_offset when decoding stopped
early). filter is an optional BPF expression ("udp port 53"). Errors: OSError when the file cannot be
opened, ValueError for a file that is not a capture, an unsupported link type or a bad filter. The
iterator is also a context manager (close() releases the file).)";

// A stdio stream whose writes append to a std::string (the printer writes through stdio).
FILE* string_stream(std::string& sink) {
    cookie_io_functions_t io{};
    io.write = [](void* cookie, const char* data, std::size_t size) -> ssize_t {
        static_cast<std::string*>(cookie)->append(data, size);
        return static_cast<ssize_t>(size);
    };
    FILE* f = fopencookie(&sink, "w", io);
    if (f != nullptr) std::setvbuf(f, nullptr, _IONBF, 0);
    return f;
}

class packet_reader {
public:
    packet_reader(const std::string& path, const std::optional<std::string>& filter) {
        FILE* file = std::fopen(path.c_str(), "rb");
        if (file == nullptr) {
            const int e = errno;
            PyErr_SetObject(PyExc_OSError, py::make_tuple(e, std::strerror(e), path).ptr());
            throw py::error_already_set();
        }
        char errbuf[PCAP_ERRBUF_SIZE] = {};
        handle_ = pcap_fopen_offline_with_tstamp_precision(file, PCAP_TSTAMP_PRECISION_MICRO, errbuf);
        if (handle_ == nullptr) {
            std::fclose(file);
            throw py::value_error(path + ": " + errbuf);
        }
        const int dlt = pcap_datalink(handle_);
        auto link = wire::link_type_from_dlt(dlt);
        if (!link) {
            close();
            throw py::value_error(path + ": unsupported link type " + std::to_string(dlt));
        }
        link_ = *link;
        if (filter) apply_filter(*filter);
        stream_ = string_stream(text_);
        if (stream_ == nullptr) throw std::bad_alloc();
        printer_ = std::make_unique<dissect::packet_printer>(
            dissect::packet_printer_options{dissect::packet_format::json, false, false, true}, stream_);
    }
    ~packet_reader() { close(); }
    packet_reader(const packet_reader&) = delete;
    packet_reader& operator=(const packet_reader&) = delete;

    py::object next() {
        if (pos_ == batch_size_ && error_.empty() && !fill()) throw py::stop_iteration();
        if (pos_ == batch_size_) {
            // a read error, after the packets before it: raised once
            const std::string why = std::move(error_);
            close();
            throw py::value_error(why);
        }
        return batch_[pos_++];
    }

    void close() noexcept {
        batch_size_ = pos_ = 0;
        printer_.reset();
        if (stream_ != nullptr) std::fclose(stream_);
        stream_ = nullptr;
        if (handle_ != nullptr) pcap_close(handle_);
        handle_ = nullptr;
    }

private:
    static constexpr int chunk = 2048;

    void apply_filter(const std::string& expression) {
        bpf_program program{};
        if (pcap_compile(handle_, &program, expression.c_str(), 1, PCAP_NETMASK_UNKNOWN) != 0 ||
            pcap_setfilter(handle_, &program) != 0) {
            std::string why = pcap_geterr(handle_);
            pcap_freecode(&program);
            close();
            throw py::value_error("bad filter '" + expression + "': " + why);
        }
        pcap_freecode(&program);
    }

    // Decodes the next chunk of packets into batch_; false at the end of the file.
    bool fill() {
        if (handle_ == nullptr) return false;
        text_.assign(1, '[');
        {
            py::gil_scoped_release unlocked;
            pcap_pkthdr* header = nullptr;
            const u_char* data = nullptr;
            int rc = 0;
            for (int n = 0; n < chunk && (rc = pcap_next_ex(handle_, &header, &data)) == 1; ++n)
                printer_->packet(header->ts, header->len, bytes_view(data, header->caplen), link_);
            printer_->finish();
            if (rc == PCAP_ERROR) error_ = pcap_geterr(handle_);
        }
        if (text_.size() == 1) {
            if (!error_.empty()) return true;  // nothing decoded: next() raises the error
            close();
            return false;
        }
        // "[{...}\n{...}\n" -> "[{...},{...}]"
        for (std::size_t at = text_.find('\n'); at != std::string::npos; at = text_.find('\n', at + 1))
            text_[at] = ',';
        text_.back() = ']';
        batch_ = reader_.parse(text_);
        batch_size_ = py::len(batch_);
        pos_ = 0;
        return true;
    }

    pcap_t* handle_ = nullptr;
    wire::link_type link_{};
    std::string text_;
    FILE* stream_ = nullptr;
    std::unique_ptr<dissect::packet_printer> printer_;
    json_reader reader_;
    py::list batch_;
    std::size_t batch_size_ = 0;
    std::size_t pos_ = 0;
    std::string error_;  // a read error met after the packets in batch_
};

}  // namespace

void bind_pcap(py::module_& m) {
    py::class_<packet_reader>(m, "packet_reader", "The iterator decode_pcap() returns.")
        .def("__iter__", [](py::object self) { return self; })
        .def("__next__", &packet_reader::next)
        .def("close", &packet_reader::close, "Releases the file; iteration then ends.")
        .def("__enter__", [](py::object self) { return self; })
        .def("__exit__", [](packet_reader& r, py::args) { r.close(); });
    m.def(
        "decode_pcap",
        [](const py::object& path, const std::optional<std::string>& filter) {
            // str or os.PathLike, as open() takes them
            auto text = py::module_::import("os").attr("fsdecode")(path).cast<std::string>();
            return std::make_unique<packet_reader>(text, filter);
        },
        py::arg("path"), py::arg("filter") = py::none(), decode_doc);
}

}  // namespace sockit::python
