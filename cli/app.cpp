// SPDX-License-Identifier: MIT
// Shared argument parsing for subcommands.
#include "app.hpp"

#include <fmt/format.h>

#include <iostream>

#include "exit_code.hpp"
#include "output.hpp"

namespace sockit::cli {

std::unique_ptr<CLI::App> make_app(std::string_view name, std::string_view description,
                                   std::string_view example) {
    auto app = std::make_unique<CLI::App>(std::string(description), fmt::format("sockit {}", name));
    app->footer(fmt::format("Example:\n  {}", example));
    app->get_formatter()->column_width(30);
    return app;
}

namespace {

// "net" for the app of `sockit net`.
std::string_view command_name(const CLI::App& app) {
    return std::string_view(app.get_name()).substr(std::string_view("sockit ").size());
}

}  // namespace

std::optional<int> parse(CLI::App& app, std::span<char*> args) {
    try {
        // CLI11 wants argv[0] as the program name; args[0] is the command's name, which serves.
        app.parse(static_cast<int>(args.size()), args.data());
    } catch (const CLI::CallForHelp&) {
        std::cout << app.help();
        return exit_code::ok;
    } catch (const CLI::CallForAllHelp&) {
        std::cout << app.help("", CLI::AppFormatMode::All);
        return exit_code::ok;
    } catch (const CLI::ValidationError& e) {
        // "--max-conns: must be at least 1, not '0'" (number_option.hpp): the option, then what it needs
        const std::string_view text = e.what();
        const auto colon = text.find(": ");
        if (colon == std::string_view::npos) {
            print_error(command_name(app), text, "see --help");
        } else {
            print_error(command_name(app), text.substr(0, colon), text.substr(colon + 2));
        }
        return exit_code::usage;
    } catch (const CLI::ParseError& e) {
        print_error(command_name(app), e.what(), "see --help");
        return exit_code::usage;
    }
    return std::nullopt;
}

}  // namespace sockit::cli
