// What only an MLRun API server does.

#include "lib/store/api_service.hpp"

#include "lib/error.hpp"
#include "lib/store/run_db.hpp"

namespace mlrun::store {

ApiService& require_api(RunDB& db, const std::string& what, const std::string& hint)
{
    if (auto* api = db.api()) {
        return *api;
    }
    throw Error(what + " needs an MLRun API server (not configured)", ErrorKind::failed, hint);
}

}  // namespace mlrun::store
