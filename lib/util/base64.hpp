// Base64 (as in MLRun's embedded `functionSourceCode`), through nettle.
#pragma once

#include <string>
#include <string_view>

namespace mlrun::util {

// Decodes standard base64 (whitespace ignored); throws Error(usage) for invalid input.
std::string base64_decode(std::string_view text);

// Standard base64 with padding, on one line.
std::string base64_encode(std::string_view bytes);

}  // namespace mlrun::util
