// Content hashes (SHA-1, as MLRun uses for artifacts and function versions), streaming.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

namespace mlrun::util {

class Sha1
{
public:
    Sha1();
    ~Sha1();
    Sha1(const Sha1&) = delete;
    Sha1& operator=(const Sha1&) = delete;

    void update(std::string_view bytes);
    std::string hex_digest();  // lower-case, 40 characters; the object is then spent

private:
    struct State;
    std::unique_ptr<State> m_state;
};

std::string sha1_hex(std::string_view bytes);

}  // namespace mlrun::util
