// Content hashes through OpenSSL's EVP interface (the only file that includes it).

#include "lib/util/hash.hpp"

#include <openssl/evp.h>
#include <stdexcept>

namespace mlrun::util {

struct Sha1::State
{
    EVP_MD_CTX* context = nullptr;
};

Sha1::Sha1() : m_state(std::make_unique<State>())
{
    m_state->context = EVP_MD_CTX_new();
    if (m_state->context == nullptr ||
        EVP_DigestInit_ex(m_state->context, EVP_sha1(), nullptr) != 1) {
        throw std::runtime_error("cannot initialise SHA-1");
    }
}

Sha1::~Sha1()
{
    EVP_MD_CTX_free(m_state->context);
}

void Sha1::update(std::string_view bytes)
{
    EVP_DigestUpdate(m_state->context, bytes.data(), bytes.size());
}

std::string Sha1::hex_digest()
{
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    EVP_DigestFinal_ex(m_state->context, digest, &length);
    static constexpr char digits[] = "0123456789abcdef";
    std::string hex;
    for (unsigned int i = 0; i < length; ++i) {
        hex += digits[digest[i] >> 4];
        hex += digits[digest[i] & 0xF];
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
