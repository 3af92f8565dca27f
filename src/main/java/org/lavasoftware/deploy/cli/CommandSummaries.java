package org.lavasoftware.deploy.cli;

import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.UsageMessageSpec;

/**
 * The commands' descriptions as users read them. The sources break descriptions into lines for
 * the source's sake; picocli would print each as a line of its own, so they are joined into one
 * paragraph it wraps to the terminal. The list of commands shows each command's first clause
 * (up to the first colon or full stop; its header when it has one): what it does, in a line or two.
 */
final class CommandSummaries {
    private static final int NAME_COLUMN = 14;

    private CommandSummaries() {
    }

    /** Joins the description of {@code command} into one paragraph. */
    static void joinDescription(CommandLine command) {
        UsageMessageSpec usage = command.getCommandSpec().usageMessage();
        if (usage.description().length > 1) {
            // what the getter returns is interpolated already: a literal ${...} in it must stay one
            usage.description(String.join(" ", usage.description()).replace("${", "$${"));
        }
    }

    /** Makes {@code top}'s list of commands one line of summary per command. */
    static void summarizeCommandList(CommandLine top) {
        top.getHelpSectionMap().put(UsageMessageSpec.SECTION_KEY_COMMAND_LIST, help -> {
            Map<String, Help> commands = help.subcommands();
            if (commands.isEmpty()) {
                return "";
            }
            int width = help.commandSpec().usageMessage().width();
            Help.TextTable table = Help.TextTable.forColumns(help.colorScheme(),
                    new Help.Column(NAME_COLUMN, 2, Help.Column.Overflow.SPAN),
                    new Help.Column(width - NAME_COLUMN, 1, Help.Column.Overflow.WRAP));
            commands.forEach((name, command) -> {
                UsageMessageSpec usage = command.commandSpec().usageMessage();
                if (!usage.hidden()) {
                    table.addRowValues(name, usage.header().length > 0 ? usage.header()[0]
                            : firstClause(String.join(" ", usage.description())));
                }
            });
            return table.toString();
        });
    }

    /** The text up to its first colon or full stop that ends a clause (not one inside a path or version). */
    static String firstClause(String text) {
        int depth = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth = Math.max(0, depth - 1);
            } else if ((c == ':' || c == '.') && depth == 0 && (i + 1 == text.length() || text.charAt(i + 1) == ' ')) {
                return text.substring(0, i);
            }
        }
        return text;
    }
}
