// Helpers shared by the files of the HTTP backend (http_*.cpp): request building and the paths
// MLRun's API uses. Internal to lib/store/http.
#pragma once

#include <string>

#include "lib/http/client.hpp"
#include "lib/json.hpp"

namespace mlrun::store::http_detail {

using http::escape;
using http::Query;
using http::Request;

inline std::string project_path(const std::string& project)
{
    return "projects/" + escape(project);
}

inline std::string v2_project_path(const std::string& project)
{
    return "/api/v2/projects/" + escape(project);
}

inline std::string yes_no(bool value)
{
    return value ? "yes" : "no";
}

inline Request json_request(std::string method, std::string path, const Json& body,
                            std::string context)
{
    Request request;
    request.method = std::move(method);
    request.path = std::move(path);
    request.body = body.dump();
    request.context = std::move(context);
    return request;
}

inline Request get(std::string path, Query query, std::string context)
{
    Request request;
    request.path = std::move(path);
    request.query = std::move(query);
    request.context = std::move(context);
    return request;
}

inline Json member(const Json& object, const char* key)
{
    if (!object.is_object()) {
        return nullptr;
    }
    const auto it = object.find(key);
    return it == object.end() ? Json{} : *it;
}

}  // namespace mlrun::store::http_detail
