// libvips runs in a process of its own: the binary itself as `newsline image
// master|variant ...`, started for each photo job by the worker that needs it,
// with the job's bytes on its stdin and the result on its stdout.
//   - An upload is decoded apart from the worker: without its file
//     descriptors (database connections, the FastCGI socket), without its
//     environment (the database password), under a memory and time limit. A
//     decoder that crashes or hangs takes only that process with it.
//   - What libvips keeps after a decode (buffers in its threads, tens of MB)
//     goes away with the process instead of staying in a worker for good.
// It costs a process start per job, paid once per photo and width on each host.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "media/image.h"

// make_master() and make_variant() of media/image.h, run in the helper process.
std::optional<MasterImage> make_master_apart(std::string_view upload, const ImageLimits& limits, ImageRefusal& why);
std::string make_variant_apart(std::string_view master, const VariantSpec& spec);  // throws on failure
// Several variants of one master in one helper process (an upload's): their bytes in order.
std::vector<std::string> make_variants_apart(std::string_view master, const std::vector<VariantSpec>& specs);

// The helper's side: `newsline image ...` (args from "image" on). Its exit status.
int image_process_main(const std::vector<std::string>& args);
