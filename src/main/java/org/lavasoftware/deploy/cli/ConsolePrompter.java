package org.lavasoftware.deploy.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.lavasoftware.deploy.ToolException;
import org.lavasoftware.deploy.engine.Prompter;

/** Asks on the terminal; with --yes takes the defaults; without a terminal, asks for --yes. */
final class ConsolePrompter implements Prompter {
    private final PrintStream err;
    private final BufferedReader in;
    private final boolean terminal;
    private final boolean yes;

    ConsolePrompter(PrintStream err, InputStream in, boolean terminal, boolean yes) {
        this.err = err;
        this.in = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
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
        err.print(prompt);
        err.flush();
        try {
            String line = in.readLine();
            if (line == null) {
                throw ToolException.failed("no answer (end of input); nothing was changed");
            }
            return line.strip();
        } catch (IOException e) {
            throw ToolException.failed("cannot read the answer: " + e.getMessage());
        }
    }

    private static String firstLine(String text) {
        int nl = text.indexOf('\n');
        return nl < 0 ? text : text.substring(0, nl);
    }
}
