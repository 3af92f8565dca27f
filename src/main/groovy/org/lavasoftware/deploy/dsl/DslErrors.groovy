package org.lavasoftware.deploy.dsl

import org.codehaus.groovy.control.MultipleCompilationErrorsException
import org.codehaus.groovy.control.messages.SyntaxErrorMessage
import org.codehaus.groovy.runtime.InvokerInvocationException
import org.lavasoftware.deploy.ExitStatus
import org.lavasoftware.deploy.ToolException
import org.lavasoftware.deploy.text.Spelling

/**
 * Turns whatever a script throws into one line that names the script's file and line, as the
 * user wrote it: never a Groovy stack trace (that is for --debug, kept as the cause).
 */
final class DslErrors {
    private DslErrors() {
    }

    static ToolException translate(Throwable raw, String sourceName, Set<String> sourceNames) {
        Throwable e = unwrap(raw)
        if (e instanceof MultipleCompilationErrorsException) {
            return compileError((MultipleCompilationErrorsException) e, sourceName)
        }
        String where = location(e, sourceNames) ?: display(sourceName)
        if (e instanceof ToolException) {
            ToolException tool = (ToolException) e
            return tool.message.startsWith(where) ? tool : new ToolException(tool.status(), "${where}: ${tool.message}", tool)
        }
        if (e instanceof MissingPropertyException) {
            String property = ((MissingPropertyException) e).property
            return new ToolException(ExitStatus.BAD_INPUT,
                    "${where}: '${property}' is not defined; pass ${property}=VALUE after the recipe's name, or define it", e)
        }
        if (e instanceof MissingMethodException) {
            MissingMethodException missing = (MissingMethodException) e
            String args = missing.arguments.collect { it == null ? 'null' : it.getClass().simpleName }.join(', ')
            return new ToolException(ExitStatus.BAD_INPUT,
                    "${where}: there is no primitive or method ${missing.method}(${args})${suggestion(missing.method)}", e)
        }
        new ToolException(ExitStatus.OPERATION_FAILED, "${where}: ${e.class.simpleName}: ${e.message}", e)
    }

    private static Throwable unwrap(Throwable e) {
        Throwable current = e
        while (current instanceof InvokerInvocationException && current.cause != null) {
            current = current.cause
        }
        current
    }

    private static ToolException compileError(MultipleCompilationErrorsException e, String sourceName) {
        def first = e.errorCollector.errors.find { it instanceof SyntaxErrorMessage }
        if (first == null) {
            return new ToolException(ExitStatus.BAD_INPUT, "${display(sourceName)}: ${e.message.readLines().find { it.trim() } }", e)
        }
        def syntax = ((SyntaxErrorMessage) first).cause
        new ToolException(ExitStatus.BAD_INPUT,
                "${display(sourceName)}:${syntax.line}:${syntax.startColumn}: ${syntax.originalMessage}", e)
    }

    /** {@code file:line} of the innermost frame that belongs to one of the user's scripts. */
    private static String location(Throwable e, Set<String> sourceNames) {
        for (Throwable t = e; t != null; t = t.cause) {
            StackTraceElement frame = t.stackTrace.find { it.fileName in sourceNames && it.lineNumber > 0 }
            if (frame != null) {
                return "${display(frame.fileName)}:${frame.lineNumber}"
            }
        }
        null
    }

    /** Shell entries are compiled as shellN.groovy; users know them as their Nth input. */
    static String display(String sourceName) {
        def shell = sourceName =~ /^shell(\d+)\.groovy$/
        shell.matches() ? "shell input ${shell.group(1)}" : sourceName
    }

    private static String suggestion(String method) {
        def close = Spelling.closest(method, DslReference.allNames())
        close ? "; did you mean ${close.join(' or ')}?" : '; `help` lists the primitives'
    }
}
