package org.lavasoftware.deploy.shell;

import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.UserInterruptException;
import org.lavasoftware.deploy.ToolException;
import org.lavasoftware.deploy.engine.Prompter;

/** Asks the engine's questions on the shell's terminal, without putting the answers in history. */
final class ShellPrompter implements Prompter {
    private final LineReader reader;
    private final boolean yes;

    ShellPrompter(LineReader reader, boolean yes) {
        this.reader = reader;
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
        String answer = read(question + " (yes|no) [no]: ");
        return answer.equalsIgnoreCase("yes") || answer.equalsIgnoreCase("y");
    }

    @Override
    public boolean confirmByTyping(String warning, String word) {
        if (yes) {
            return true;
        }
        reader.getTerminal().writer().println(warning);
        return read("Type " + word + " to go on: ").equals(word);
    }

    @Override
    public String ask(String question, String defaultAnswer) {
        if (yes) {
            return defaultAnswer;
        }
        String answer = read(question + (defaultAnswer.isEmpty() ? ": " : " [" + defaultAnswer + "]: "));
        return answer.isEmpty() ? defaultAnswer : answer;
    }

    private String read(String prompt) {
        try {
            return reader.readLine(prompt).strip();
        } catch (UserInterruptException | EndOfFileException e) {
            throw ToolException.failed("no answer; nothing was changed");
        }
    }
}
