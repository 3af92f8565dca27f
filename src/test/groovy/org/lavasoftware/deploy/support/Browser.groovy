package org.lavasoftware.deploy.support

import java.nio.file.Files
import java.nio.file.Path

/**
 * A browser for specs: curl with a cookie jar, talking to the local Apache for a host name as a
 * real browser would (--resolve gives the right Host header and SNI without DNS).
 */
class Browser {
    final String host
    final boolean https
    final Path cookies = Files.createTempFile('ldt-cookies', '.txt')

    Browser(String host, boolean https) {
        this.host = host
        this.https = https
        // A jar per browser, many per run: gone with the test JVM rather than left in /tmp.
        cookies.toFile().deleteOnExit()
    }

    String base() {
        (https ? 'https://' : 'http://') + host
    }

    /** [status, body, contentType, redirect] of a GET. */
    Map get(String path) {
        curl([base() + path])
    }

    /** Logs in through LAVA's login form: the CSRF token from the form, a POST with a Referer. */
    Map login(String user, String password, String next = '/scheduler/myjobs') {
        loginAt('/accounts/login/', user, password, next)
    }

    /** Logs in through the login form of {@code page}, posting where the form says. */
    Map loginAt(String page, String user, String password, String next) {
        submitLogin(openLoginForm(page), user, password, next)
    }

    /** The login form of a page as it was served: [page, action, token]. */
    Map openLoginForm(String page) {
        String form = get(page).body
        [page: page, action: formAction(form), token: (form =~ /name="csrfmiddlewaretoken" value="([^"]+)"/)[0][1]]
    }

    /** Posts a login form opened earlier, with its CSRF token and a Referer, as a browser tab would. */
    Map submitLogin(Map form, String user, String password, String next) {
        curl(['-H', "Referer: ${base()}${form.page}".toString(), '--data-urlencode', "csrfmiddlewaretoken=${form.token}".toString(),
              '--data-urlencode', "username=${user}".toString(), '--data-urlencode', "password=${password}".toString(),
              '--data-urlencode', "next=${next}".toString(), base() + form.action])
    }

    /** Where the login form of a page posts to. */
    static String formAction(String page) {
        (page =~ /<form[^>]*method="post"[^>]*action="([^"]+)"/)[0][1]
    }

    /** The attributes of a cookie in the jar: [name: ..., secure: true|false, path: ...]. */
    Map cookie(String name) {
        cookies(name)[0]
    }

    /** Every cookie of that name in the jar (one per path). */
    List<Map> cookies(String name) {
        Files.readAllLines(cookies).findAll { !it.startsWith('# ') && it.split('\t').size() >= 7 && it.split('\t')[5] == name }
                .collect { [name: name, secure: it.split('\t')[3] == 'TRUE', path: it.split('\t')[2]] }
    }

    private Map curl(List<String> args) {
        Path body = Files.createTempFile('ldt-body', '.html')
        int port = https ? 443 : 80
        def command = ['curl', '-s', '-k', '--max-time', '30', '--resolve', "${host}:${port}:127.0.0.1".toString(),
                       '-c', cookies.toString(), '-b', cookies.toString(), '-o', body.toString(),
                       '-w', '%{http_code}\t%{content_type}\t%{redirect_url}'] + args
        def p = new ProcessBuilder(command).start()
        String[] meta = p.inputStream.text.split('\t', -1)
        p.waitFor()
        def result = [status: meta[0] as int, contentType: meta[1], redirect: meta[2], body: Files.readString(body)]
        Files.delete(body)
        result
    }
}
