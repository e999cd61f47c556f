// What the serve loop drives: one simulated modem family answering the host over the wire.
// Each simulated family implements it; simulated_families.hpp holds the table that picks one.
#pragma once

#include <chrono>
#include <cstddef>
#include <memory>
#include <string_view>

#include "sim/fault_plan.hpp"
#include "sim/sim_stats.hpp"
#include "sim/simulator.hpp"
#include "sim/wire_writer.hpp"

namespace mfs::sim {

class Responder {
 public:
  virtual ~Responder() = default;

  // Consumes host bytes and returns how many were used; a modem that reads no commands for a
  // while (an L610 FTPRETR stream) stops early and gets the rest again later.
  virtual std::size_t feed(std::string_view bytes) = 0;
  // True while the modem sends a stream the loop must keep refilling with pump().
  virtual bool streaming() const = 0;
  // Continues that stream; called while streaming() and the output queue is short.
  virtual void pump() = 0;
  // Timers (unread-data timeouts, delayed result URCs); called on every loop step.
  virtual void tick(std::chrono::steady_clock::time_point now) = 0;
};

}  // namespace mfs::sim
