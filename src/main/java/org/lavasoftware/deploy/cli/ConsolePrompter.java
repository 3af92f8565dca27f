package org.lavasoftware.deploy.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import org.lavasoftware.deploy.ToolException;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.TerminalBuilder;
import org.lavasoftware.deploy.engine.Prompter;

/**
 * Asks on the terminal through JLine (line editing; Ctrl-C abandons the question), loaded only
 * when a question is asked; with --yes takes the defaults; without a terminal, asks for --yes.
 */
final class ConsolePrompter implements Prompter {
    private final PrintStream err;
    private final boolean terminal;
    private final boolean yes;
    private LineReader lineReader;

    ConsolePrompter(PrintStream err, InputStream in, boolean terminal, boolean yes) {
        this.err = err;
        this.terminal = terminal;
        this.yes = yes;
    }

    @Override
    public boolean assumesYes() {
        return yes;
    }

    @Override
    public boolean confirm(String question) {
        if (yes) {
            return true;
        }
        String answer = read(question + " (yes|no) [no]: ", question);
        return answer.equalsIgnoreCase("yes") || answer.equalsIgnoreCase("y");
    }

    @Override
    public boolean confirmByTyping(String warning, String word) {
        if (yes) {
            return true;
        }
        err.println(warning);
        return read("Type " + word + " to go on: ", warning).equals(word);
    }

    @Override
    public String ask(String question, String defaultAnswer) {
        if (yes) {
            return defaultAnswer;
        }
        String answer = read(question + (defaultAnswer.isEmpty() ? ": " : " [" + defaultAnswer + "]: "), question);
        return answer.isEmpty() ? defaultAnswer : answer;
    }

    private String read(String prompt, String what) {
        if (!terminal) {
            throw ToolException.badInput("a question needs an answer but there is no terminal (" + firstLine(what)
                    + "); pass --yes to answer it with its default");
        }
        try {
            return reader().readLine(prompt).strip();
        } catch (UserInterruptException | EndOfFileException e) {
            throw ToolException.failed("no answer; nothing was changed");
        }
    }

    private LineReader reader() {
        if (lineReader == null) {
            try {
                lineReader = LineReaderBuilder.builder().terminal(TerminalBuilder.builder().system(true).build())
                        .variable(LineReader.DISABLE_HISTORY, true).build();
            } catch (IOException e) {
                throw ToolException.failed("cannot open the terminal to ask: " + e.getMessage());
            }
        }
        return lineReader;
    }

    private static String firstLine(String text) {
        int nl = text.indexOf('\n');
        return nl < 0 ? text : text.substring(0, nl);
    }
}
