package org.lavasoftware.deploy.engine;

/**
 * How the engine asks the user. With {@code --yes} every question takes its default answer; with
 * no terminal and no {@code --yes}, asking is an error that tells the user to pass {@code --yes}.
 */
public interface Prompter {
    /** A yes/no question; true means go on. */
    boolean confirm(String question);

    /** A dangerous action the user must confirm by typing {@code word} (DESTROY, RESTORE). */
    boolean confirmByTyping(String warning, String word);

    /** A question with a default answer, for wizards. */
    String ask(String question, String defaultAnswer);

    /** Whether questions are answered without asking (--yes). */
    boolean assumesYes();
}
