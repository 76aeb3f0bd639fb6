#include "media/image_process.h"

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <stdexcept>

#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "util/packed_fields.h"
#include "util/parse.h"

namespace {

// What a helper may use: enough for a 50-megapixel decode and libvips' threads.
constexpr rlim_t kHelperAddressSpace = rlim_t{3} << 30;
constexpr rlim_t kHelperCpuSeconds = 60;
constexpr int kHelperWallMs = 60'000;
#if defined(__SANITIZE_ADDRESS__)
constexpr bool kAddressSanitizer = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
constexpr bool kAddressSanitizer = true;
#else
constexpr bool kAddressSanitizer = false;
#endif
#else
constexpr bool kAddressSanitizer = false;
#endif

struct Pipe {
  int read = -1, write = -1;
  Pipe() {
    int fds[2];
    if (pipe2(fds, O_CLOEXEC) != 0) throw std::runtime_error("pipe2 failed");
    read = fds[0];
    write = fds[1];
  }
  ~Pipe() {
    close_read();
    close_write();
  }
  void close_read() {
    if (read >= 0) ::close(read);
    read = -1;
  }
  void close_write() {
    if (write >= 0) ::close(write);
    write = -1;
  }
};

// Runs `newsline image <args>` with `input` on its stdin; its stdout, or
// nullopt when it failed, crashed or ran past the time limit (then killed).
std::optional<std::string> run_helper(const std::vector<std::string>& args, std::string_view input) {
  Pipe in, out;
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, in.read, 0);
  posix_spawn_file_actions_adddup2(&actions, out.write, 1);
  std::vector<std::string> argv_text = {"newsline", "image"};
  argv_text.insert(argv_text.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (std::string& a : argv_text) argv.push_back(a.data());
  argv.push_back(nullptr);
  char* no_environment[] = {nullptr};  // the worker's holds the database password
  pid_t pid = 0;
  int spawned = posix_spawn(&pid, "/proc/self/exe", &actions, nullptr, argv.data(), no_environment);
  posix_spawn_file_actions_destroy(&actions);
  if (spawned != 0) return std::nullopt;
  in.close_read();
  out.close_write();
  fcntl(in.write, F_SETFL, O_NONBLOCK);

  std::string output;
  size_t written = 0;
  if (input.empty()) in.close_write();
  auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(kHelperWallMs);
  bool timed_out = false;
  while (out.read >= 0) {
    int left = static_cast<int>(
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now()).count());
    if (left <= 0) {
      timed_out = true;
      break;
    }
    pollfd fds[2] = {{out.read, POLLIN, 0}, {in.write, POLLOUT, 0}};
    int n = poll(fds, in.write >= 0 ? 2 : 1, left);
    if (n < 0 && errno != EINTR) {
      timed_out = true;  // cannot wait on it any more: stopped like one that ran too long
      break;
    }
    if (n <= 0) continue;
    if (in.write >= 0 && (fds[1].revents & (POLLOUT | POLLERR | POLLHUP))) {
      ssize_t w = ::write(in.write, input.data() + written, input.size() - written);
      if (w > 0) written += static_cast<size_t>(w);
      if (w < 0 && errno != EAGAIN && errno != EINTR) in.close_write();  // it stopped reading
      if (written == input.size()) in.close_write();
    }
    if (fds[0].revents & (POLLIN | POLLHUP | POLLERR)) {
      char buf[65536];
      ssize_t r = ::read(out.read, buf, sizeof buf);
      if (r > 0)
        output.append(buf, static_cast<size_t>(r));
      else if (r == 0 || (errno != EAGAIN && errno != EINTR))
        out.close_read();
    }
  }
  if (timed_out) kill(pid, SIGKILL);
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (timed_out || !WIFEXITED(status) || WEXITSTATUS(status) != 0) return std::nullopt;
  return output;
}

std::optional<std::vector<PackedRecord>> helper_records(const std::vector<std::string>& args, std::string_view input) {
  std::optional<std::string> out = run_helper(args, input);
  if (!out) return std::nullopt;
  return unpack_records(*out);
}

// ----- the helper's side -----

std::string read_all_stdin() {
  std::string data;
  char buf[65536];
  for (;;) {
    ssize_t r = ::read(0, buf, sizeof buf);
    if (r > 0) {
      data.append(buf, static_cast<size_t>(r));
    } else if (r == 0) {
      return data;
    } else if (errno != EINTR) {
      throw std::runtime_error("cannot read stdin");
    }
  }
}

void write_all_stdout(const std::string& data) {
  size_t done = 0;
  while (done < data.size()) {
    ssize_t w = ::write(1, data.data() + done, data.size() - done);
    if (w < 0 && errno == EINTR) continue;
    if (w <= 0) throw std::runtime_error("cannot write stdout");
    done += static_cast<size_t>(w);
  }
}

void confine_helper() {
  // Nothing of the worker's but stdin, stdout and stderr (closed before any byte of the job is read).
  close_range(3, ~0U, 0);
  rlimit as{kHelperAddressSpace, kHelperAddressSpace}, cpu{kHelperCpuSeconds, kHelperCpuSeconds}, core{0, 0};
  // AddressSanitizer reserves terabytes of address space for its shadow: a
  // sanitized build (make test SANITIZE=1) keeps the time and core limits only.
  if (!kAddressSanitizer) setrlimit(RLIMIT_AS, &as);
  setrlimit(RLIMIT_CPU, &cpu);
  setrlimit(RLIMIT_CORE, &core);
}

long long number_arg(const std::vector<std::string>& args, size_t i) {
  if (i >= args.size()) throw std::runtime_error("missing argument");
  return std::stoll(args[i]);
}

}  // namespace

std::optional<MasterImage> make_master_apart(std::string_view upload, const ImageLimits& limits, ImageRefusal& why) {
  auto records = helper_records(
      {"master", std::to_string(limits.max_bytes), std::to_string(limits.max_pixels), std::to_string(limits.max_side)},
      upload);
  if (records && records->size() == 1) {
    PackedRecord& r = records->front();
    if (r.kind == 'r' && r.fields.size() == 1) {
      why.message = r.fields[0];
      return std::nullopt;
    }
    auto width = r.fields.size() == 6 ? parse_number(r.fields[1], 1, kMasterSide) : std::nullopt;
    auto height = r.fields.size() == 6 ? parse_number(r.fields[2], 1, kMasterSide) : std::nullopt;
    auto kind = r.fields.size() == 6 ? parse_number(r.fields[3], 1, static_cast<int>(ImageKind::heif)) : std::nullopt;
    auto peak = r.fields.size() == 6 ? parse_number(r.fields[4], 0, int64_t{1} << 40) : std::nullopt;
    bool known_mime = !r.fields.empty() && (r.fields[0] == "image/jpeg" || r.fields[0] == "image/png");
    if (r.kind == 'm' && known_mime && width && height && kind &&
        peak) {  // what the helper says is checked like any input
      MasterImage m;
      m.mime = r.fields[0];
      m.width = static_cast<int>(*width);
      m.height = static_cast<int>(*height);
      m.source_kind = static_cast<ImageKind>(*kind);
      m.peak_memory = static_cast<size_t>(*peak);
      m.bytes = std::move(r.fields[5]);
      return m;
    }
  }
  why.message = "The file could not be read as a photo (it may be damaged). Try another copy of it.";
  return std::nullopt;
}

std::vector<std::string> make_variants_apart(std::string_view master, const std::vector<VariantSpec>& specs) {
  std::vector<std::string> args = {"variants"};
  for (const VariantSpec& s : specs)
    args.push_back(std::to_string(s.width) + (s.height ? "x" + std::to_string(s.height) : "") + ":" +
                   variant_extension(s.format));
  auto records = helper_records(args, master);
  if (!records || records->size() != specs.size())
    throw std::runtime_error("the image helper could not make the variants");
  std::vector<std::string> out;
  for (PackedRecord& r : *records) {
    if (r.kind != 'v' || r.fields.size() != 1) throw std::runtime_error("the image helper answered in a wrong form");
    out.push_back(std::move(r.fields[0]));
  }
  return out;
}

std::string make_variant_apart(std::string_view master, const VariantSpec& spec) {
  return std::move(make_variants_apart(master, {spec}).front());
}

int image_process_main(const std::vector<std::string>& args) {
  confine_helper();
  try {
    std::string input = read_all_stdin();
    std::string out;
    const std::string job = args.size() > 1 ? args[1] : "";
    if (job == "master") {
      ImageLimits limits;
      limits.max_bytes = static_cast<size_t>(number_arg(args, 2));
      limits.max_pixels = static_cast<uint64_t>(number_arg(args, 3));
      limits.max_side = static_cast<int>(number_arg(args, 4));
      ImageRefusal why;
      std::optional<MasterImage> m = make_master(input, limits, why);
      if (m)
        pack_record(out, 'm',
                    {m->mime, std::to_string(m->width), std::to_string(m->height),
                     std::to_string(static_cast<int>(m->source_kind)), std::to_string(m->peak_memory), m->bytes});
      else
        pack_record(out, 'r', {why.message});
    } else if (job == "variants") {
      for (size_t i = 2; i < args.size(); ++i) {  // WIDTH:jpg, WIDTH:webp or WIDTHxHEIGHT:jpg
        size_t colon = args[i].find(':');
        if (colon == std::string::npos) throw std::runtime_error("a variant is WIDTH[xHEIGHT]:jpg|webp");
        VariantSpec spec;
        size_t x = args[i].find('x');
        spec.width = std::stoi(args[i].substr(0, std::min(x, colon)));
        if (x < colon) spec.height = std::stoi(args[i].substr(x + 1, colon - x - 1));
        spec.format = args[i].substr(colon + 1) == "webp" ? VariantFormat::webp : VariantFormat::jpeg;
        pack_record(out, 'v', {make_variant(input, spec)});
      }
    } else {
      std::fprintf(
          stderr,
          "usage: newsline image master MAX_BYTES MAX_PIXELS MAX_SIDE | variants WIDTH[xHEIGHT]:jpg|webp ...\n");
      return 2;
    }
    write_all_stdout(out);
    return 0;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "newsline image: %s\n", e.what());
    return 1;
  }
}
