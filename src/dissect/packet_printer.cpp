// SPDX-License-Identifier: MIT
// packet_printer: decodes each frame once and hands it to the writers the options ask for (line, field
// tree, JSON, hex dump, statistics), all writing into one output buffer.
#include "sockit/dissect/packet_printer.hpp"

#include "clock_text.hpp"
#include "field_tree.hpp"
#include "hex_dump.hpp"
#include "json_packet.hpp"
#include "line_summary.hpp"
#include "output_buffer.hpp"
#include "packet_stats.hpp"
#include "tcp_seq_table.hpp"

namespace sockit::dissect {
namespace {

clock_text::style clock_style(const packet_printer_options& o) noexcept {
    if (o.format == packet_format::json) return clock_text::style::iso_utc;
    return o.utc ? clock_text::style::utc : clock_text::style::local;
}

}  // namespace

packet_printer::packet_printer(packet_printer_options options, std::FILE* out)
    : options_(options),
      out_(std::make_unique<output_buffer>(out)),
      clock_(std::make_unique<clock_text>(clock_style(options))),
      stats_(options.stats ? std::make_unique<packet_stats>() : nullptr),
      seqs_(options.absolute_seq ? nullptr : std::make_unique<tcp_seq_table>()) {}

packet_printer::~packet_printer() = default;

void packet_printer::packet(const timeval& ts, std::uint32_t wire_length, bytes_view data, link_type link) {
    decode_frame(data, link, frame_);
    ++count_;
    if (frame_.has_problem()) ++problems_;
    if (stats_) stats_->count(frame_, data);
    if (options_.format == packet_format::json) {
        write_json_packet(*out_, *clock_, {count_, ts, wire_length, options_.hex}, frame_, data);
        return;
    }
    char* p = out_->reserve(32 + line_summary_max);
    p = clock_->put(p, ts);
    *p++ = ' ';
    out_->commit(put_line_summary(p, frame_, wire_length, {options_.checksums, seqs_.get()}));
    if (options_.format == packet_format::verbose) write_field_tree(*out_, frame_, data);
    if (options_.hex) write_hex_dump(*out_, data);
}

bool packet_printer::finish() {
    if (stats_) out_->put(stats_->report(options_.format == packet_format::json, count_, problems_));
    return out_->finish();
}

}  // namespace sockit::dissect
