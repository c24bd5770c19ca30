// Times as MLRun writes them and as microseconds since the epoch.

#include "lib/util/time.hpp"

#include <charconv>
#include <chrono>
#include <cstdio>
#include <ctime>

#include "lib/error.hpp"

namespace mlrun::util {
namespace {

bool digits(std::string_view text, std::size_t at, std::size_t count, int& value)
{
    if (at + count > text.size()) {
        return false;
    }
    value = 0;
    for (std::size_t i = at; i < at + count; ++i) {
        if (text[i] < '0' || text[i] > '9') {
            return false;
        }
        value = value * 10 + (text[i] - '0');
    }
    return true;
}

}  // namespace

Micros now_micros()
{
    return std::chrono::duration_cast<std::chrono::microseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

std::string format_iso(Micros time)
{
    const auto seconds =
        static_cast<std::time_t>(time / 1'000'000 - (time % 1'000'000 < 0 ? 1 : 0));
    const auto micros = time - static_cast<Micros>(seconds) * 1'000'000;
    std::tm utc{};
    ::gmtime_r(&seconds, &utc);
    char text[128];
    std::snprintf(text, sizeof text, "%04d-%02d-%02dT%02d:%02d:%02d.%06lld+00:00",
                  utc.tm_year + 1900, utc.tm_mon + 1, utc.tm_mday, utc.tm_hour, utc.tm_min,
                  utc.tm_sec, static_cast<long long>(micros));
    return text;
}

std::optional<Micros> parse_iso(std::string_view text)
{
    int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
    if (!digits(text, 0, 4, year) || text.size() < 10 || text[4] != '-' ||
        !digits(text, 5, 2, month) || text[7] != '-' || !digits(text, 8, 2, day)) {
        return std::nullopt;
    }
    std::size_t at = 10;
    Micros fraction = 0;
    Micros offset = 0;
    if (at < text.size()) {
        if ((text[at] != 'T' && text[at] != ' ') || !digits(text, at + 1, 2, hour) ||
            text.size() < at + 9 || text[at + 3] != ':' || !digits(text, at + 4, 2, minute) ||
            text[at + 6] != ':' || !digits(text, at + 7, 2, second)) {
            return std::nullopt;
        }
        at += 9;
        if (at < text.size() && text[at] == '.') {
            ++at;
            Micros scale = 100'000;
            while (at < text.size() && text[at] >= '0' && text[at] <= '9') {
                fraction += (text[at] - '0') * scale;
                scale /= 10;
                ++at;
            }
        }
        if (at < text.size()) {
            if (text[at] == 'Z' && at + 1 == text.size()) {
                at = text.size();
            } else if (text[at] == '+' || text[at] == '-') {
                int zone_hours = 0, zone_minutes = 0;
                const bool colon = at + 3 < text.size() && text[at + 3] == ':';
                if (!digits(text, at + 1, 2, zone_hours) ||
                    !digits(text, at + (colon ? 4 : 3), 2, zone_minutes) ||
                    at + (colon ? 6 : 5) != text.size()) {
                    return std::nullopt;
                }
                offset = (zone_hours * 3600LL + zone_minutes * 60LL) * 1'000'000 *
                         (text[at] == '+' ? 1 : -1);
                at = text.size();
            } else {
                return std::nullopt;
            }
        }
    }
    if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) {
        return std::nullopt;
    }
    using namespace std::chrono;
    const auto date =
        year_month_day{std::chrono::year{year}, std::chrono::month{static_cast<unsigned>(month)},
                       std::chrono::day{static_cast<unsigned>(day)}};
    if (!date.ok()) {
        return std::nullopt;
    }
    const auto days = sys_days{date}.time_since_epoch().count();
    return ((static_cast<Micros>(days) * 86400 + hour * 3600LL + minute * 60LL + second) *
            1'000'000) +
           fraction - offset;
}

Micros parse_time_spec(std::string_view text, Micros now)
{
    if (const auto time = parse_iso(text)) {
        return *time;
    }
    if (text.size() >= 2) {
        Micros amount = 0;
        const auto [end, error] =
            std::from_chars(text.data(), text.data() + text.size() - 1, amount);
        if (error == std::errc{} && end == text.data() + text.size() - 1 && amount >= 0) {
            Micros unit = 0;
            switch (text.back()) {
            case 's': unit = 1; break;
            case 'm': unit = 60; break;
            case 'h': unit = 3600; break;
            case 'd': unit = 86400; break;
            case 'w': unit = 7 * 86400; break;
            default: break;
            }
            if (unit != 0) {
                return now - amount * unit * 1'000'000;
            }
        }
    }
    throw Error("invalid time '" + std::string{text} + "'", ErrorKind::usage,
                "use an ISO time such as 2024-10-23T08:15:00Z, a date, or a duration back from "
                "now such as 30m, 6h, 7d, 2w");
}

std::string format_table_time(Micros time)
{
    const auto seconds = static_cast<std::time_t>(time / 1'000'000);
    // Listings format many times of the same second: remember the last one.
    thread_local std::time_t cached_seconds = -1;
    thread_local std::string cached_text;
    if (seconds == cached_seconds) {
        return cached_text;
    }
    std::tm local{};
    ::localtime_r(&seconds, &local);
    char text[32];
    std::strftime(text, sizeof text, "%b %d %H:%M:%S", &local);
    cached_seconds = seconds;
    cached_text = text;
    return cached_text;
}

}  // namespace mlrun::util
