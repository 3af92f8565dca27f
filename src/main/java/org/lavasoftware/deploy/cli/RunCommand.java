package org.lavasoftware.deploy.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lavasoftware.deploy.ToolException;
import org.lavasoftware.deploy.dsl.DslRuntime;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "run", description = {
    "Run a .lava recipe. Parameters given as KEY=VALUE are variables of the recipe (and param('KEY')).",
    "Extension scripts of dsl-scripts/, /etc/lava-deployment-tool/dsl.d and ~/.config/lava-deployment-tool/dsl.d",
    "are loaded first. With --dry-run every operation of the recipe prints its plan instead."})
final class RunCommand extends PrivilegedCommand {
    @Parameters(index = "0", paramLabel = "FILE.lava", description = "The recipe.")
    private Path recipe;

    @Parameters(index = "1..*", paramLabel = "KEY=VALUE", description = "Recipe parameters.")
    private List<String> assignments = new ArrayList<>();

    @Override
    protected int run(CliContext context) {
        Map<String, String> params = parameters(assignments);
        Path file = locate(context, recipe);
        new DslRuntime(context.engine(), params, context.out())
                .loadExtensions(context.dslDirectories())
                .runFile(file);
        return 0;
    }

    static Map<String, String> parameters(List<String> assignments) {
        Map<String, String> params = new LinkedHashMap<>();
        for (String assignment : assignments) {
            int eq = assignment.indexOf('=');
            String key = eq < 0 ? assignment : assignment.substring(0, eq);
            if (eq < 0 || !key.matches("[A-Za-z_][A-Za-z0-9_-]*")) {
                throw ToolException.badInput("recipe parameter '" + assignment
                        + "' is not KEY=VALUE with KEY a letter followed by letters, digits, '_' or '-'");
            }
            params.put(key, assignment.substring(eq + 1));
        }
        return params;
    }

    /** The recipe as given, else the bundled one of that name (run recipes/clone-instance.lava). */
    private static Path locate(CliContext context, Path recipe) {
        if (Files.exists(recipe) || recipe.isAbsolute()) {
            return recipe;
        }
        Path bundled = context.home().resolve(recipe);
        return Files.exists(bundled) ? bundled : recipe;
    }
}
