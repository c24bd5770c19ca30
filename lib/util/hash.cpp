// Content hashes through nettle (the only file that includes it): small to load, fast to run.

#include "lib/util/hash.hpp"

#include <nettle/sha1.h>

namespace mlrun::util {

struct Sha1::State
{
    sha1_ctx context{};
};

Sha1::Sha1() : m_state(std::make_unique<State>())
{
    sha1_init(&m_state->context);
}

Sha1::~Sha1() = default;

void Sha1::update(std::string_view bytes)
{
    sha1_update(&m_state->context, bytes.size(),
                reinterpret_cast<const std::uint8_t*>(bytes.data()));
}

std::string Sha1::hex_digest()
{
    std::uint8_t digest[SHA1_DIGEST_SIZE];
    sha1_digest(&m_state->context, SHA1_DIGEST_SIZE, digest);
    static constexpr char digits[] = "0123456789abcdef";
    std::string hex;
    hex.reserve(2 * SHA1_DIGEST_SIZE);
    for (const auto byte : digest) {
        hex += digits[byte >> 4];
        hex += digits[byte & 0xF];
    }
    return hex;
}

std::string sha1_hex(std::string_view bytes)
{
    Sha1 hash;
    hash.update(bytes);
    return hash.hex_digest();
}

}  // namespace mlrun::util
