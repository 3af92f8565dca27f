package org.lavasoftware.deploy.support

import java.nio.file.Path
import org.lavasoftware.deploy.model.LavaRoot

/** Child process for journal specs: runs a file-steps operation on a root; args are root then k=v parameters. */
class RunOperationMain {
    static void main(String[] args) {
        def params = args.drop(1).collectEntries { it.split('=', 2) as List }
        TestEngines.on(new LavaRoot(Path.of(args[0]))).execute(new FileStepsOperation(params))
    }
}
