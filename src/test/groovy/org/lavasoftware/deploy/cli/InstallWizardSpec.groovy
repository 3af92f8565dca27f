package org.lavasoftware.deploy.cli

import java.nio.file.Path
import org.lavasoftware.deploy.engine.Prompter
import org.lavasoftware.deploy.engine.operations.InstallSettings
import org.lavasoftware.deploy.engine.operations.InstallSettings.Https
import org.lavasoftware.deploy.model.InstanceName
import spock.lang.Specification

class InstallWizardSpec extends Specification {
    def given = new InstallSettings(InstanceName.of('lab'), 'debian:lava-server', null, 'lab.example.org', Https.NONE, null, null, null, true, false)

    /** A prompter that answers from a script and records what it was asked. */
    static class ScriptedPrompter implements Prompter {
        final List<String> answers
        final List<String> questions = []

        ScriptedPrompter(List<String> answers) { this.answers = new ArrayList<>(answers) }

        boolean confirm(String question) { questions << question; answers.remove(0) == 'yes' }

        boolean confirmByTyping(String warning, String word) { answers.remove(0) == word }

        String ask(String question, String defaultAnswer) {
            questions << "${question} [${defaultAnswer}]".toString()
            String answer = answers.remove(0)
            answer.isEmpty() ? defaultAnswer : answer
        }

        boolean assumesYes() { false }
    }

    def "pressing Enter everywhere keeps the defaults, after a summary and 'is everything okay?'"() {
        given:
        def prompter = new ScriptedPrompter(['', '', '', '', '', 'yes'])

        when:
        def settings = new InstallWizard(prompter).complete(given, 'alice')

        then:
        settings == given
        prompter.questions.take(5) == ['Developer mode (runs as you, with DEBUG on)? (yes|no) [no]', 'Virtual host name [lab.example.org]',
                                       'HTTPS: none, self-signed, or certificate [none]', 'Run the scheduler? (yes|no) [yes]',
                                       'Run a worker beside the server, for devices of this machine? (yes|no) [yes]']
        prompter.questions.last().contains('Local worker:    yes')
        prompter.questions.last().contains('Served at:       http://lab.example.org/')
        prompter.questions.last().endsWith('Is everything okay?')
    }

    def "answers change the settings: developer mode, host, HTTPS with files, no scheduler, no worker"() {
        given:
        def prompter = new ScriptedPrompter(['yes', '', 'dev.local', 'certificate', '/etc/ssl/lab.crt', '/etc/ssl/lab.key', 'no', 'no', 'yes'])

        when:
        def s = new InstallWizard(prompter).complete(given, 'alice')

        then:
        s.devUser() == 'alice'
        s.systemUser() == 'alice'
        s.host() == 'dev.local'
        s.https() == Https.CERTIFICATE
        s.certificate() == Path.of('/etc/ssl/lab.crt')
        s.key() == Path.of('/etc/ssl/lab.key')
        !s.scheduler()
        !s.worker()
    }

    def "answering no to the summary goes round the questions again"() {
        given:
        def prompter = new ScriptedPrompter(['', 'first.example.org', '', '', '', 'no', '', 'second.example.org', '', '', '', 'yes'])

        when:
        def s = new InstallWizard(prompter).complete(given, 'alice')

        then:
        s.host() == 'second.example.org'
        prompter.questions.count { it.endsWith('Is everything okay?') } == 2
    }

    def "with --yes nothing is asked"() {
        given:
        def prompter = Mock(Prompter) { assumesYes() >> true }

        when:
        def s = new InstallWizard(prompter).complete(given, 'alice')

        then:
        s == given
        0 * prompter.ask(_, _)
    }

    def "an HTTPS answer that is none of the three is refused"() {
        when:
        new InstallWizard(new ScriptedPrompter(['', '', 'maybe'])).complete(given, 'alice')

        then:
        def e = thrown(org.lavasoftware.deploy.ToolException)
        e.message == "HTTPS 'maybe': answer none, self-signed or certificate"
    }
}
