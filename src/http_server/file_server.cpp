// SPDX-License-Identifier: MIT
// file_server: opens the document root and makes one file_session per connection.
#include "sockit/http_server/file_server.hpp"

#include "file_session.hpp"

namespace sockit::http_server {

result<std::shared_ptr<const file_server>> file_server::create(file_server_options options) {
    auto root = document_root::open(options.root);
    if (!root) return fail(root.error());
    return std::shared_ptr<const file_server>(
        std::make_shared<file_server>(token{}, std::move(options), std::move(*root)));
}

serve::stream_factory file_server::factory() const {
    return [self = shared_from_this()] { return self->make_session(); };
}

std::unique_ptr<serve::stream_handler> file_server::make_session() const {
    return std::make_unique<detail::file_session>(shared_from_this());
}

}  // namespace sockit::http_server
