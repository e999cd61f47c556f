// The SIM7000's escaped streams (seed 5.14, 5.15; PROTOCOL.md section 3), the counterpart of the
// L610's FTPRETR/FTPSTOR: FTPETGET sends the file (from FTPREST) as one stream ended by ETX,
// then "+FTPGET: 1,0" as the note's transcript shows; FTPETPUT opens the upload ("+FTPETPUT:
// 1,1"), "AT+FTPETPUT=2" puts the module in data mode, the host's stream ends with ETX, and the
// module answers "+FTPETPUT: 2,1", OK and, once the server confirmed, "+FTPETPUT: 1,0". Both
// name their file with FTPGETPATH/FTPGETNAME, as both transcripts do. Streams run at the serial
// rate; while FTPETGET streams the module reads no command.
#include "sim/number.hpp"
#include "sim/sim7000_responder.hpp"
#include "sim/stream_escape.hpp"

namespace mfs::sim {
namespace {

constexpr std::size_t etget_chunk = 16384;   // file bytes escaped per pump() call
constexpr std::size_t etput_flush = 65536;   // FTPETPUT bytes gathered per data write

bool mode_is(const CommandLine& cmd, std::uint64_t mode) {
  return cmd.form == CommandForm::set && cmd.params.size() == 1 &&
         parse_number(cmd.params[0], 3) == mode;
}

}  // namespace

void Sim7000Responder::on_ftpetget(const CommandLine& cmd) {
  if (!mode_is(cmd, 1)) return error();
  if (parameter("+FTPGETNAME").empty()) return ok_and_urc("+FTPETGET: 1,66");
  start_action(Action::etget, cmd.name);
}

void Sim7000Responder::run_etget(const std::string& urc) {
  auto session = login(urc);
  if (!session) return;
  std::unique_ptr<DataReader> data;
  if (!session->retr(get_file(), std::stoull(parameter("+FTPREST")), data).ok) {
    session->quit();
    return send_result(urc, 77);
  }
  et_ = std::make_unique<EtStream>();
  et_->session = std::move(session);
  et_->reader = std::move(data);
  wire_.line(urc + ": 1,1");
}

// Continues the FTPETGET stream; drop-download@N ends it short (ETX, then result 79), and
// reboot-download@N leaves it to the serve loop's reboot.
void Sim7000Responder::pump() {
  EtStream& s = *et_;
  const std::uint64_t room = faults_.download_room(s.moved);
  std::string chunk(static_cast<std::size_t>(std::min<std::uint64_t>(etget_chunk, room)), '\0');
  const std::size_t got = s.reader->read(chunk.data(), chunk.size());
  chunk.resize(got);
  wire_.raw(escaped(chunk));
  stats_.files_downloaded_bytes += got;
  s.moved += got;
  if (got == room) {
    if (faults_.download_dropped().kind == FaultKind::reboot) return et_.reset();
    return end_et_stream(79);
  }
  if (got == etget_chunk && !s.reader->exhausted()) return;
  end_et_stream(s.reader->finish().ok ? 0 : 79);
}

// The end of an FTPETGET stream: the end byte, then the result as "+FTPGET" (seed 5.15).
void Sim7000Responder::end_et_stream(int code) {
  std::unique_ptr<EtStream> ended = std::move(et_);
  ended->session->quit();
  wire_.raw(std::string_view(&stream_etx, 1));
  wire_.bare_line("+FTPGET: 1," + std::to_string(code));  // right after ETX: no quirk extras
}

void Sim7000Responder::on_ftpetput(const CommandLine& cmd) {
  if (mode_is(cmd, 1)) {
    if (parameter("+FTPGETNAME").empty()) return ok_and_urc("+FTPETPUT: 1,66");
    return start_action(Action::etput, cmd.name);
  }
  if (!mode_is(cmd, 2) || !et_ || !et_->writer || et_->taking) return error();
  ok();  // data mode: DCD low, every byte from here to the end byte is the file's
  et_->taking = true;
  et_->started = clock::now();
}

// STOR, or APPE at the current size when FTPPUTOPT is "APPE", of FTPGETPATH/FTPGETNAME.
void Sim7000Responder::run_etput(const std::string& urc) {
  auto session = login(urc);
  if (!session) return;
  std::unique_ptr<DataWriter> data;
  if (!session->stor(get_file(), store_offset(*session, get_file()), data).ok) {
    session->quit();
    return send_result(urc, 77);
  }
  et_ = std::make_unique<EtStream>();
  et_->session = std::move(session);
  et_->writer = std::move(data);
  wire_.line(urc + ": 1,1");
}

// One byte of the FTPETPUT stream. drop-upload@N: the server keeps bytes up to N, the module
// discards the rest of the stream and reports 78 after its end.
void Sim7000Responder::take_etput_byte(char c) {
  EtStream& s = *et_;
  const auto data = s.unescaper.take(c);
  if (s.unescaper.ended()) return finish_etput();
  if (!data || !s.writer) return;
  s.pending += *data;
  ++stats_.files_uploaded_bytes;
  if (s.pending.size() >= etput_flush) flush_etput(s);
  if (faults_.upload_room(++s.moved) == 0) {
    flush_etput(s);
    s.writer.reset();
    faults_.upload_dropped();
  }
  faults_.upload_reached(s.moved);
  if (faults_.device_fault_pending()) flush_etput(s);  // what the module forwarded before it
}

void Sim7000Responder::flush_etput(EtStream& s) {
  if (s.writer) s.writer->write(s.pending);
  s.pending.clear();
}

// The end byte came: "+FTPETPUT: 2,1" and OK at once, the result once the last byte has
// crossed the cellular side.
void Sim7000Responder::finish_etput() {
  std::unique_ptr<EtStream> ended = std::move(et_);
  wire_.line("+FTPETPUT: 2,1");
  ok();
  wire_.hold_until(ended->started + config_.link.transfer_time(ended->moved));
  flush_etput(*ended);
  const bool stored = ended->writer && ended->writer->finish().ok;
  ended->session->quit();
  send_result("+FTPETPUT", stored || wire_.has(Quirk::confirms_cut_streams) ? 0 : 78);
}

// FTPQUIT or a dropped session before the stream: the action ends with `code`.
void Sim7000Responder::abandon_et_stream(int code) {
  const std::string urc = et_->reader ? "+FTPETGET" : "+FTPETPUT";
  std::unique_ptr<EtStream> ended = std::move(et_);
  ended->session->quit();
  send_result(urc, code);
}

}  // namespace mfs::sim
