package org.lavasoftware.deploy.support

import java.nio.file.Files
import java.nio.file.Path
import org.lavasoftware.deploy.engine.Operation
import org.lavasoftware.deploy.engine.OperationContext
import org.lavasoftware.deploy.engine.OperationFactory
import org.lavasoftware.deploy.engine.Plan
import org.lavasoftware.deploy.engine.Step
import org.lavasoftware.deploy.model.InstanceName

/**
 * A test operation whose steps create files in a directory, each undone by deleting its file.
 * Parameters: dir, files (comma-separated), block (a file whose step waits forever once it has
 * created its file, so a spec can kill the process there), fail (a file whose step fails, while
 * the file named by failWhile exists, or always without it), failUndo (a file whose undo fails),
 * noReturn (a file after whose step the operation cannot be undone), onlyMissing (plan only the
 * files missing when it plans: a plan that depends on what the operation itself changes).
 */
class FileStepsOperation implements Operation {
    final Map<String, String> parameters

    FileStepsOperation(Map<String, String> parameters) {
        this.parameters = parameters
    }

    String kind() { 'file-steps' }

    InstanceName instance() { InstanceName.of(parameters.instance) }

    Map<String, String> parameters() { parameters }

    Plan plan(OperationContext context) {
        Path dir = Path.of(parameters.dir)
        def builder = new Plan.Builder("file-steps of ${parameters.instance}")
        List<String> files = parameters.files.split(',').toList()
        if (parameters.onlyMissing) {
            files = context.facts().list('missing') { files.findAll { !Files.exists(dir.resolve(it)) } }
        }
        files.each { String name ->
            Path file = dir.resolve(name)
            def step = Step.named("create ${name}")
                    .shows("touch ${file}")
                    .does {
                        Files.writeString(file, name)
                        if (name == parameters.fail && (parameters.failWhile == null
                                || Files.exists(Path.of(parameters.failWhile)))) {
                            throw new IOException("${name} cannot be made")
                        }
                        if (name == parameters.block) {
                            Files.writeString(dir.resolve('blocked'), 'yes')
                            Thread.sleep(Long.MAX_VALUE)
                        }
                    }
                    .undoes("delete ${name}") {
                        if (name == parameters.failUndo) {
                            throw new IOException("${name} cannot be deleted")
                        }
                        Files.deleteIfExists(file)
                    }
            if (name == parameters.noReturn) {
                step.pointOfNoReturn()
            }
            builder.add(step.build())
        }
        builder.build()
    }

    static class Factory implements OperationFactory {
        String kind() { 'file-steps' }

        org.lavasoftware.deploy.engine.Operation rebuild(Map<String, String> parameters) {
            new FileStepsOperation(parameters)
        }
    }
}
