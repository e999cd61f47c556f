// BlockGather with time passed in: when a block's rest may pile up before the next read, which
// reads measure the arrival rate (and which cannot), and the bounds every pause keeps
// (max_pause, the buffer, the deadline, nothing for a fast line).
#include <catch2/catch.hpp>

#include <chrono>

#include "core/at/block_gather.hpp"

using namespace std::chrono_literals;
using mfs::at::BlockGather;
using Clock = BlockGather::Clock;

namespace {

constexpr std::size_t buffer = 4096;
const Clock::time_point t0 = Clock::now();
const Clock::time_point far = t0 + 100s;

// One read as the engine makes it: asks for the pause, "sleeps" it, reads `got` bytes `took`
// after the pause. Returns the pause.
std::chrono::nanoseconds read(BlockGather& gather, Clock::time_point& now, std::size_t needed,
                              std::size_t got, std::chrono::nanoseconds took,
                              std::size_t capacity = buffer) {
  const auto pause = gather.before_read(needed, capacity, now, far);
  now += pause + took;
  gather.after_read(got, now);
  return pause;
}

// A command whose header read brought the header and 60 bytes, then one read inside the block
// waiting for the next 100 bytes, which took 1 ms: 100 KB/s. The block then needs `left`.
BlockGather measured(Clock::time_point& now, std::size_t left) {
  BlockGather gather;
  gather.restart();
  read(gather, now, 0, 80, 2ms);
  CHECK(read(gather, now, left + 100, 100, 1ms) == 0ns);
  return gather;
}

}  // namespace

TEST_CASE("gather: nothing is paused for before a read has measured the line", "[at]") {
  BlockGather gather;
  auto now = t0;
  CHECK(gather.before_read(2900, buffer, now, far) == 0ns);
  gather.restart();
  read(gather, now, 0, 60, 2ms);  // the header's read spans the modem's latency
  CHECK_FALSE(gather.rate());
  CHECK(gather.before_read(2940, buffer, now, far) == 0ns);
}

TEST_CASE("gather: after a short read the rest is given the time it takes at the rate", "[at]") {
  auto now = t0;
  BlockGather gather = measured(now, 2900);
  REQUIRE(gather.rate());
  CHECK(*gather.rate() == Approx(100'000.0));
  const auto pause = gather.before_read(2900, buffer, now, far);
  CHECK(pause >= 29ms);  // 2900 bytes at 100 KB/s, plus the final result's few bytes
  CHECK(pause < 30ms);
  // Time spent since the read counts: the bytes kept coming meanwhile.
  CHECK(gather.before_read(2900, buffer, now + 10ms, far) < 20ms);
  // No block pending (the last read completed it): nothing to gather for.
  CHECK(gather.before_read(0, buffer, now, far) == 0ns);
}

TEST_CASE("gather: pauses stay under max_pause, the buffer and the deadline", "[at]") {
  auto now = t0;
  BlockGather gather = measured(now, 60'000);
  CHECK(gather.before_read(60'000, 1 << 20, now, far) == BlockGather::max_pause);
  CHECK(gather.before_read(60'000, 1000, now, far) < 11ms);  // 1000 bytes at 100 KB/s
  CHECK(gather.before_read(60'000, buffer, now, now + 5ms) == 5ms);
  CHECK(gather.before_read(60'000, buffer, now, now) == 0ns);
  CHECK(gather.before_read(60'000, buffer, now, now - 1ms) == 0ns);
}

TEST_CASE("gather: a read that filled the buffer is followed by another at once", "[at]") {
  auto now = t0;
  BlockGather gather = measured(now, 10'000);
  read(gather, now, 10'000, buffer, 0ns);
  CHECK(gather.before_read(10'000 - buffer, buffer, now, far) == 0ns);
}

TEST_CASE("gather: a fast line (USB module, pty) is never held back", "[at]") {
  BlockGather gather;
  auto now = t0;
  gather.restart();
  read(gather, now, 0, 60, 2ms);
  read(gather, now, 2940, 512, 100us);  // 5 MB/s
  CHECK(*gather.rate() > 1e6);
  CHECK(gather.before_read(2428, buffer, now, far) == 0ns);
}

TEST_CASE("gather: a paused read measures nothing, whatever it got", "[at]") {
  auto now = t0;
  BlockGather gather = measured(now, 2900);
  // Slept 29 ms; 200 ms passed: the line had long gone quiet after the block.
  CHECK(read(gather, now, 2900, 2906, 200ms) > 0ns);
  CHECK(*gather.rate() == Approx(100'000.0));
  // Slept 29 ms and got only a third: a slower line, but a paused read cannot tell by how much.
  gather.restart();
  read(gather, now, 0, 80, 2ms);
  CHECK(read(gather, now, 2940, 1000, 0ns) > 0ns);
  CHECK(*gather.rate() == Approx(100'000.0));
}

TEST_CASE("gather: most blocks pause right after the header, every few one measures", "[at]") {
  auto now = t0;
  BlockGather gather = measured(now, 2900);
  read(gather, now, 2900, 2906, 0ns);
  int paused = 0;
  int measuring = 0;
  for (int block = 0; block < 40; ++block) {
    gather.restart();
    read(gather, now, 0, 80, 2ms);
    // The line is slower now: 50 KB/s.
    if (read(gather, now, 2940, 100, 2ms) > 0ns) {
      ++paused;
      continue;
    }
    ++measuring;
    read(gather, now, 2840, 2846, 0ns);
  }
  CHECK(paused >= 25);
  CHECK(measuring >= 5);
  CHECK(*gather.rate() < 60'000.0);
}

TEST_CASE("gather: a new command's first read measures nothing", "[at]") {
  auto now = t0;
  BlockGather gather = measured(now, 2900);
  gather.restart();
  // The framer already held a header (no read brought it): this read's interval is idle time.
  now += 5s;
  read(gather, now, 2900, 100, 1ms);
  CHECK(*gather.rate() == Approx(100'000.0));
}
