// Base64 through nettle.

#include "lib/util/base64.hpp"

#include <nettle/base64.h>

#include "lib/error.hpp"

namespace mlrun::util {

std::string base64_decode(std::string_view text)
{
    std::string compact;
    compact.reserve(text.size());
    for (char c : text) {
        if (c != '\n' && c != '\r' && c != ' ' && c != '\t') {
            compact += c;
        }
    }
    std::string out(BASE64_DECODE_LENGTH(compact.size()), '\0');
    base64_decode_ctx context;
    base64_decode_init(&context);
    std::size_t length = out.size();
    if (base64_decode_update(&context, &length, reinterpret_cast<std::uint8_t*>(out.data()),
                             compact.size(), compact.data()) != 1 ||
        base64_decode_final(&context) != 1) {
        throw Error("invalid base64 data", ErrorKind::usage);
    }
    out.resize(length);
    return out;
}

std::string base64_encode(std::string_view bytes)
{
    std::string out(BASE64_ENCODE_RAW_LENGTH(bytes.size()), '\0');
    base64_encode_raw(out.data(), bytes.size(),
                      reinterpret_cast<const std::uint8_t*>(bytes.data()));
    return out;
}

}  // namespace mlrun::util
