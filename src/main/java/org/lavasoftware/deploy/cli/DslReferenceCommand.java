package org.lavasoftware.deploy.cli;

import java.util.concurrent.Callable;
import org.lavasoftware.deploy.dsl.DslReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "dsl-reference", description = {
    "Print the reference of the recipe DSL: every primitive, its parameters and an example, read from the code",
    "(the shell's `help` shows the same). --markdown writes docs/dsl-reference.md's text."})
final class DslReferenceCommand implements Callable<Integer> {
    @ParentCommand
    private LavaDeploymentTool tool;

    @Option(names = "--markdown", description = "As Markdown: ./lava-deployment-tool dsl-reference --markdown > docs/dsl-reference.md")
    private boolean markdown;

    @Override
    public Integer call() {
        tool.context().out().print(markdown ? DslReference.asMarkdown() : DslReference.asText());
        return 0;
    }
}
