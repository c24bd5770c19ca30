// /api/v1/projects/{p}/functions: versioned by content hash, tags pointing at versions.

#include "lib/model/function.hpp"
#include "lib/model/project.hpp"
#include "lib/server/routes.hpp"
#include "lib/util/strings.hpp"

namespace mlrun::server::detail {

namespace {

// A function as MLRun's server answers it: the defaults its job runtime fills in.
// A stored function as MLRun's server answers it: the model's form (which writes what MLRun's
// to_dict writes), the tag always ("" for an untagged version), a status, and for a job the
// priority class the server fills in.
Json function_view(const model::Function& function)
{
    Json view = model::to_json(function);
    view["metadata"]["tag"] = function.metadata.tag;
    if (function.kind == "job") {
        view["spec"].emplace("priority_class_name", "");
    }
    if (!view.contains("status")) {
        view["status"] = Json::object();
    }
    return view;
}

}  // namespace

HttpResponse store_function(Call& call)
{
    const std::string& project = call.params[0];
    const std::string& name = call.params[1];
    ensure_project(call, project);
    Json body = call.json_body(false);
    if (!body.is_object()) {
        throw reason_error(400, "bad JSON body");
    }
    if (model::normalize_name(name) != name) {
        throw mlrun_error(400, "MLRunInvalidArgumentError",
                          "Conflict between requested name and name in function body, function "
                          "name is " +
                              name);
    }
    model::Function function;
    try {
        function = model::function_from_json(body);
    } catch (const Error& error) {
        throw mlrun_error(400, "MLRunInvalidArgumentError", error.what());
    }
    const std::string kind = function.kind;
    if (!kind.empty() && !model::is_runtime_kind(kind)) {
        throw mlrun_error(400, "MLRunInvalidArgumentError",
                          "Unsupported runtime (" + kind + ") or missing command");
    }
    function.metadata.name = name;
    function.metadata.project = project;
    std::string tag = call.query_or("tag", "");
    if (tag.empty()) {
        tag = function.metadata.tag.empty() ? "latest" : function.metadata.tag;
    }
    if (!valid_tag(tag)) {
        throw mlrun_error(400, "MLRunInvalidArgumentError", "Tag name " + tag + " is not valid");
    }
    const bool versioned = query_bool(call, "versioned", false);
    const std::string hash = versioned ? call.db.store_function(function, project, tag)
                                       : call.db.store_function_unversioned(function, project, tag);
    return json_response(200, {{"hash_key", hash}});
}

HttpResponse get_function(Call& call)
{
    const std::string& project = call.params[0];
    const std::string name = model::normalize_name(call.params[1]);
    const std::string format = call.query_or("format", "full");
    if (format != "full" && format != "minimal") {
        throw mlrun_error(400, "MLRunBadRequestError",
                          "Provided format is not supported. format=" + format);
    }
    const std::string tag = call.query_or("tag", "");
    const std::string hash = call.query_or("hash_key", "");
    // A hash with a tag: the tag decides (MLRun's order).
    const auto function =
        call.db.find_function(project, name, tag, tag.empty() ? hash : std::string{});
    if (!function) {
        if (!hash.empty() && tag.empty()) {
            throw mlrun_error(404, "MLRunNotFoundError",
                              "Function not found " + project + "/" + name + "@" + hash);
        }
        throw mlrun_error(404, "MLRunNotFoundError",
                          "Function tag not found " + project + "/" + name +
                              (tag.empty() && !call.has_query("tag") ? "" : ":" + tag));
    }
    Json view = function_view(*function);
    if (!hash.empty() && tag.empty()) {
        view["metadata"]["tag"] = "";  // by hash: no tag, as MLRun answers
    }
    return json_response(200, {{"func", view}});
}

HttpResponse list_functions(Call& call)
{
    const Page page = open_page(call);
    store::FunctionFilter filter;
    filter.project = call.params[0];
    const std::string name = call.query_or("name", "");
    const bool contains = !name.empty() && name.front() == '~';
    if (!contains) {
        filter.name = name;
    }
    filter.tag = call.query_or("tag", "");  // "*": tagged versions only, as MLRun
    filter.labels = call.query_all("label");
    const std::string needle = contains ? util::to_lower(name.substr(1)) : std::string{};
    ListingWriter out("funcs", page);
    std::size_t seen = 0;
    for (const auto& function : call.db.list_functions(filter)) {
        if (contains && function.metadata.name.find(needle) == std::string::npos) {
            continue;
        }
        if (seen++ < page.start || (page.size != 0 && out.count() >= page.size)) {
            continue;
        }
        out.add(function_view(function));
    }
    return out.finish(call);
}

HttpResponse delete_function(Call& call)
{
    const std::string& project = call.params[0];
    call.db.delete_function(project, model::normalize_name(call.params[1]));
    return json_response(202, call.server.finish_task("", project, true));
}

}  // namespace mlrun::server::detail
