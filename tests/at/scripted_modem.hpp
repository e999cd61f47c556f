// ScriptedModem: the far end of a real pty for the AT engine and link tests. A peer thread
// reads what the host writes to the slave and answers each expected command with canned
// bytes, checking the host's bytes exactly (prompted payloads included).
#pragma once

#include <chrono>
#include <string>
#include <thread>
#include <vector>

namespace mfs::test {

class ScriptedModem {
 public:
  ScriptedModem();
  ~ScriptedModem();
  ScriptedModem(const ScriptedModem&) = delete;
  ScriptedModem& operator=(const ScriptedModem&) = delete;

  // The pty slave the code under test opens.
  const std::string& slave_path() const { return slave_path_; }

  // Adds a step: wait until exactly `expect` has arrived from the host (nothing to wait for
  // when empty), then write `reply`. Steps run in order once start() is called.
  void on(std::string expect, std::string reply);
  // The same with the reply held back for `latency`, as a modem's slow answer (the test
  // itself never sleeps; this only shapes when the peer's bytes arrive).
  void on(std::string expect, std::string reply, std::chrono::milliseconds latency);
  // The same with the reply trickling out `piece` bytes at a time, one piece per `interval`
  // (a serial line's pace: 80 bytes per 868 us is 921600 baud).
  void on_paced(std::string expect, std::string reply, std::size_t piece,
                std::chrono::microseconds interval);
  // The same with `head`, then `unit` repeated until `total` bytes went out, written as fast as
  // the host takes them (a flood, a listing that never ends); the peer stops early when the
  // modem is destroyed, so a test that stops reading need not wait for the rest.
  void on_flood(std::string expect, std::string head, std::string unit, std::size_t total);
  // A module inside an upload stream: every byte from the host is data until an unescaped end
  // byte (0x03; a 0x10 escapes the byte after it), then `reply`. `cut_after_dle`: the stream
  // was cut right after a 0x10, so the host's first byte is escaped.
  void on_stream_end(std::string reply, bool cut_after_dle);
  // A module inside a prompted upload (FTPPUT=2,<len>): the next `count` bytes from the host
  // are data, whatever they are, then `reply`.
  void on_prompt_rest(std::size_t count, std::string reply);
  void start();

  // Joins the peer after its last step; "" when every step received exactly what it
  // expected, else what went wrong. Each step waits at most `step_limit` for its bytes.
  std::string finish();

  // Closes the master side: the slave sees a hang-up, as when a USB modem is unplugged.
  void close_master();
  int master_fd() const { return master_; }

  std::chrono::milliseconds step_limit{2000};

 private:
  enum class Kind { reply, flood, stream_end, prompt_rest };
  struct Step {
    std::string expect;
    std::string reply;
    std::chrono::milliseconds latency{0};
    std::size_t piece = 0;  // 0: the reply goes out in one write
    std::chrono::microseconds interval{0};
    Kind kind = Kind::reply;
    std::string unit{};      // flood: repeated after `reply`
    std::size_t total = 0;   // flood: bytes in all; prompt_rest: the data bytes it takes
    bool escaped = false;    // stream_end: the first byte is escaped
  };

  void run();
  bool receive(std::string& pending, std::size_t wanted);
  bool receive_stream_end(std::string& pending, bool escaped);
  void write_all(const std::string& bytes);
  void write_paced(const Step& step);
  void write_flood(const Step& step);
  bool write_unless_stopped(std::string_view bytes);

  int master_ = -1;
  int slave_ = -1;  // held so the pty never sees "all slaves closed" between test steps
  int stop_[2] = {-1, -1};
  std::string slave_path_;
  std::vector<Step> steps_;
  std::thread peer_;
  std::string failure_;  // written by the peer, read after join
};

}  // namespace mfs::test
