// The queue between the netcore thread (its only producer) and drain() (one consumer at a time).
// Neither side takes a lock on its hot path, so a UI that drains back to back never makes the
// netcore thread wait, and a descheduled consumer never holds the producer up.
//
// Transitions live in blocks of kBlock. The producer writes into the current block and makes a
// batch visible with one store (publish); the consumer copies out and hands finished blocks back
// through a small free list, so a steady flow reuses the same few blocks (warm in cache) instead
// of marching through `capacity` transitions of fresh memory. Memory grows only as far as the
// consumer falls behind, and never beyond `capacity` (then the producer counts drops).
#pragma once
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <vector>

#include "netcore/transition.hpp"

namespace netcore {

class TransitionQueue {
 public:
  explicit TransitionQueue(size_t capacity)
      : capacity_(capacity ? capacity : 1),
        ring_size_(capacity_ / kBlock + 2),
        ring_(ring_size_, nullptr),
        free_(ring_size_ + 2, nullptr) {}
  TransitionQueue(const TransitionQueue&) = delete;
  TransitionQueue& operator=(const TransitionQueue&) = delete;

  // ---- producer (the netcore thread) ----
  // Stores t, not yet visible to drain(), and returns where (the caller may finish it there
  // until publish). Null when the queue is full: the loss is counted.
  Transition* push(const Transition& t) {
    if (write_ - tail_seen_ >= capacity_) {
      tail_seen_ = tail_.load(std::memory_order_acquire);
      if (write_ - tail_seen_ >= capacity_) {
        ++dropped_here_;
        return nullptr;
      }
    }
    const size_t at = size_t(write_ % kBlock);
    if (at == 0) current_ = ring_[block_index(write_)] = take_block();
    // The consumer last read the next slots: ask for them now, so the cache line comes over
    // while this transition is written, not when the next one is.
    if (at + kPrefetchAhead < kBlock) __builtin_prefetch(&current_->items[at + kPrefetchAhead], 1);
    Transition* slot = &current_->items[at];
    *slot = t;
    ++write_;
    return slot;
  }

  // Makes everything pushed so far visible and wakes a waiting consumer. Returns true when the
  // queue had been drained empty before this batch (a UI asleep may want a nudge).
  bool publish() {
    const uint64_t before = published_;
    if (write_ == before) {
      dropped_.store(dropped_here_, std::memory_order_relaxed);
      return false;
    }
    published_ = write_;
    dropped_.store(dropped_here_, std::memory_order_relaxed);
    // seq_cst pairs with wait(): either it sees this head, or we see it waiting.
    head_.store(write_, std::memory_order_seq_cst);
    if (waiters_.load(std::memory_order_seq_cst) > 0) {
      { std::lock_guard lock(wait_mutex_); }
      ready_.notify_all();
    }
    return tail_.load(std::memory_order_acquire) == before;
  }

  uint64_t dropped() const { return dropped_.load(std::memory_order_relaxed); }

  // Producer: how many transitions it has pushed that the consumer has not drained yet.
  uint64_t backlog() const { return write_ - tail_.load(std::memory_order_seq_cst); }

  // ---- consumer ----
  // Appends every published transition to `out`; never waits for the producer.
  size_t drain(std::vector<Transition>& out) {
    std::lock_guard one_at_a_time(drain_mutex_);
    const uint64_t head = head_.load(std::memory_order_acquire);
    uint64_t tail = tail_.load(std::memory_order_relaxed);
    const size_t n = size_t(head - tail);
    out.reserve(out.size() + n);
    while (tail != head) {
      const size_t at = size_t(tail % kBlock);
      const size_t take = size_t(std::min<uint64_t>(kBlock - at, head - tail));
      Block* block = ring_[block_index(tail)];
      out.insert(out.end(), block->items + at, block->items + at + take);
      tail += take;
      if (tail % kBlock == 0) give_back(block);  // the producer moved on to the next block
    }
    tail_.store(tail, std::memory_order_seq_cst);  // seq_cst: pairs with backlog()
    return n;
  }

  // Blocks until something is published and not yet drained, or the timeout passes.
  bool wait(std::chrono::milliseconds timeout) {
    std::unique_lock lock(wait_mutex_);
    waiters_.fetch_add(1, std::memory_order_seq_cst);
    const bool ready = ready_.wait_for(lock, timeout, [&] {
      return head_.load(std::memory_order_seq_cst) != tail_.load(std::memory_order_acquire);
    });
    waiters_.fetch_sub(1, std::memory_order_seq_cst);
    return ready;
  }

 private:
  static constexpr size_t kBlock = 512;  // 80 KiB of transitions
  static constexpr size_t kPrefetchAhead = 4;
  struct Block {
    Transition items[kBlock];
  };

  size_t block_index(uint64_t i) const { return size_t(i / kBlock % ring_size_); }

  // Producer: a block the consumer gave back, or a new one (only while the consumer lags).
  Block* take_block() {
    const uint64_t given = free_given_.load(std::memory_order_acquire);
    if (free_taken_ != given) {
      Block* b = free_[free_taken_ % free_.size()];
      free_taken_ += 1;
      return b;
    }
    owned_.push_back(std::make_unique<Block>());
    return owned_.back().get();
  }

  // Consumer. The free list never overflows: the producer allocates only when it sees no free
  // block, so every block then spans its view of the queue, [tail it last read, write]: at most
  // capacity / kBlock + 2 = ring_size_ blocks exist in all.
  void give_back(Block* b) {
    const uint64_t given = free_given_.load(std::memory_order_relaxed);
    free_[given % free_.size()] = b;
    free_given_.store(given + 1, std::memory_order_release);
  }

  const size_t capacity_;
  const size_t ring_size_;
  std::vector<Block*> ring_;  // logical block i / kBlock lives in ring_[that % ring_size_]
  std::vector<Block*> free_;
  std::vector<std::unique_ptr<Block>> owned_;  // producer only: every block, freed at the end
  Block* current_ = nullptr;                   // producer only: the block being written

  // Producer-only counters.
  uint64_t write_ = 0, published_ = 0, tail_seen_ = 0, dropped_here_ = 0, free_taken_ = 0;

  alignas(64) std::atomic<uint64_t> head_{0};  // published by the producer
  alignas(64) std::atomic<uint64_t> tail_{0};  // drained by the consumer
  alignas(64) std::atomic<uint64_t> free_given_{0};
  std::atomic<uint64_t> dropped_{0};

  std::mutex drain_mutex_;  // consumers take turns; the producer never touches it
  std::mutex wait_mutex_;
  std::condition_variable ready_;
  std::atomic<int> waiters_{0};
};

}  // namespace netcore
