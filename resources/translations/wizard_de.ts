<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de" sourcelanguage="en">
<context>
    <name>AccountPage</name>
    <message>
        <location filename="../../wizard/gui/pages/account.py" line="+28"/>
        <source>Your account</source>
        <translation>Ihr Konto</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Enter your email address and password.</source>
        <translation>Geben Sie Ihre E-Mail-Adresse und Ihr Passwort ein.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The wizard finds your provider&apos;s outgoing-mail server, checks it by sending you a test message, and keeps the password in your system&apos;s keychain.</source>
        <translation>Der Assistent findet den Postausgangsserver Ihres Anbieters, prüft ihn mit einer Testnachricht an Sie und bewahrt das Passwort im Schlüsselbund Ihres Systems auf.</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>&amp;Your name:</source>
        <translation>&amp;Ihr Name:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Email address:</source>
        <translation>&amp;E-Mail-Adresse:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Password:</source>
        <translation>&amp;Passwort:</translation>
    </message>
    <message>
        <location line="+61"/>
        <source>{provider} asks you to sign in on its own page, after the settings are found: no password is needed here.</source>
        <translation>{provider} lässt Sie sich auf der eigenen Seite anmelden, sobald die Einstellungen gefunden sind: Hier ist kein Passwort nötig.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>You can sign in with {provider} after the settings are found, instead of typing a password here.</source>
        <translation>Sie können sich bei {provider} anmelden, sobald die Einstellungen gefunden sind, statt hier ein Passwort einzugeben.</translation>
    </message>
    <message>
        <location line="-82"/>
        <source>Some providers need an app password instead of your usual one; their help pages say how to make one.</source>
        <translation>Manche Anbieter verlangen statt Ihres üblichen Passworts ein App-Passwort; deren Hilfeseiten erklären, wie Sie eines erstellen.</translation>
    </message>
</context>
<context>
    <name>CertificatePanel</name>
    <message>
        <location filename="../../wizard/gui/certificate.py" line="+33"/>
        <source>SHA-256 fingerprint of the certificate:</source>
        <translation>SHA-256-Fingerabdruck des Zertifikats:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>T&amp;rust this certificate and send again</source>
        <translation>Diesem Zertifikat ve&amp;rtrauen und erneut senden</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>{problem} Compare the fingerprint below with the one your provider gives; trust the certificate only if they match exactly.</source>
        <translation>{problem} Vergleichen Sie den Fingerabdruck unten mit dem Ihres Anbieters; vertrauen Sie dem Zertifikat nur, wenn beide genau übereinstimmen.</translation>
    </message>
</context>
<context>
    <name>CommandLine</name>
    <message>
        <location filename="../../wizard/cli/accounts.py" line="+51"/>
        <source>“accounts {action}” needs an address.</source>
        <translation>„accounts {action}“ braucht eine Adresse.</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>No accounts are set up yet.</source>
        <translation>Es sind noch keine Konten eingerichtet.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Passwords in the keychain that no account uses (left by an interrupted setup; remove them with “accounts clean”):</source>
        <translation>Passwörter im Schlüsselbund, die kein Konto verwendet (von einer unterbrochenen Einrichtung übrig; entfernen Sie sie mit „accounts clean“):</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>No passwords were left without an account.</source>
        <translation>Es waren keine Passwörter ohne Konto übrig.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Removed the password for {username} ({service}).</source>
        <translation>Das Passwort für {username} ({service}) wurde entfernt.</translation>
    </message>
    <message>
        <location line="+23"/>
        <location filename="../../wizard/cli/setup.py" line="+258"/>
        <source>in {keychain}</source>
        <translation>liegt in {keychain}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>not found in {keychain}</source>
        <translation>nicht in {keychain} gefunden</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>nothing was removed: {address} stays set up.</source>
        <translation>nichts wurde entfernt: {address} bleibt eingerichtet.</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Removed {address}; its password stays for {others}.</source>
        <translation>{address} wurde entfernt; das Passwort bleibt für {others}.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Removed {address} and its sign-in.</source>
        <translation>{address} und die Anmeldung wurden entfernt.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Removed {address} and its password.</source>
        <translation>{address} und das Passwort wurden entfernt.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Removed {address}.</source>
        <translation>{address} wurde entfernt.</translation>
    </message>
    <message>
        <location line="+16"/>
        <location filename="../../wizard/cli/export.py" line="+81"/>
        <location filename="../../wizard/cli/token.py" line="+52"/>
        <source>no account for {address} is set up.</source>
        <translation>für {address} ist kein Konto eingerichtet.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>never</source>
        <translation>nie</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Pinned certificate SHA-256: {sha256}</source>
        <translation>Vertrauenswürdiges Zertifikat (SHA-256): {sha256}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>OAuth2 at {issuer} (client {client_id})</source>
        <translation>OAuth2 bei {issuer} (Client {client_id})</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>{host}, port {port}, {security} (IMAP)</source>
        <translation>{host}, Port {port}, {security} (IMAP)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{password} (service {service})</source>
        <translation>{password} (Dienst {service})</translation>
    </message>
    <message>
        <location filename="../../wizard/cli/common.py" line="+95"/>
        <source>Server:</source>
        <translation>Server:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Port:</source>
        <translation>Port:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Security:</source>
        <translation>Verschlüsselung:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Username:</source>
        <translation>Benutzername:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sign-in:</source>
        <translation>Anmeldung:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Incoming:</source>
        <translation>Posteingang:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Found by:</source>
        <translation>Gefunden über:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Trust:</source>
        <translation>Vertrauen:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last test:</source>
        <translation>Letzter Test:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Password:</source>
        <translation>Passwort:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Settings:</source>
        <translation>Einstellungen:</translation>
    </message>
    <message>
        <location filename="../../wizard/cli/credentials.py" line="+50"/>
        <source>standard input held no password (--password-stdin reads its first line).</source>
        <translation>die Standardeingabe enthielt kein Passwort (--password-stdin liest ihre erste Zeile).</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>there is no terminal to ask for the password; give it on standard input with --password-stdin.</source>
        <translation>es gibt kein Terminal, um nach dem Passwort zu fragen; geben Sie es mit --password-stdin über die Standardeingabe an.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Password: </source>
        <translation>Passwort: </translation>
    </message>
    <message>
        <location line="+8"/>
        <source>no password was entered; nothing was sent or stored.</source>
        <translation>es wurde kein Passwort eingegeben; nichts wurde gesendet oder gespeichert.</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>{question} [y/N] </source>
        <translation>{question} [j/N] </translation>
    </message>
    <message>
        <location line="+4"/>
        <source>y</source>
        <translation>j</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <location filename="../../wizard/cli/detect.py" line="+202"/>
        <source>No outgoing-mail settings found for {address}.</source>
        <translation>Für {address} wurden keine Einstellungen für den Postausgang gefunden.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Ask your provider for the SMTP server name, port and encryption.</source>
        <translation>Fragen Sie Ihren Anbieter nach Name, Port und Verschlüsselung des SMTP-Servers.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Outgoing mail (SMTP) for {address}:</source>
        <translation>Postausgang (SMTP) für {address}:</translation>
    </message>
    <message>
        <location line="-26"/>
        <location line="+34"/>
        <source>Warning: {warning}</source>
        <translation>Warnung: {warning}</translation>
    </message>
    <message>
        <location line="-143"/>
        <source>{server} accepted the connection but has not greeted yet; still waiting…</source>
        <translation>{server} hat die Verbindung angenommen, aber noch nicht gegrüßt; es wird weiter gewartet …</translation>
    </message>
    <message>
        <location line="+97"/>
        <source>No incoming-mail (IMAP) server found: a test message&apos;s arrival cannot be checked.</source>
        <translation>Kein Posteingangsserver (IMAP) gefunden: Ob eine Testnachricht ankommt, lässt sich nicht prüfen.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Incoming mail (IMAP), to confirm that test messages arrive:</source>
        <translation>Posteingang (IMAP), um zu prüfen, ob Testnachrichten ankommen:</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>Other possibilities:</source>
        <translation>Weitere Möglichkeiten:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Sources:</source>
        <translation>Quellen:</translation>
    </message>
    <message>
        <location line="+27"/>
        <location line="+11"/>
        <source>confirmed live</source>
        <translation>live bestätigt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>not confirmed live</source>
        <translation>nicht live bestätigt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Certificate SHA-256: {sha256}</source>
        <translation>Zertifikat (SHA-256): {sha256}</translation>
    </message>
    <message>
        <location filename="../../wizard/cli/main.py" line="+143"/>
        <source>Cancelled.</source>
        <translation>Abgebrochen.</translation>
    </message>
    <message>
        <location filename="../../wizard/cli/sendtest.py" line="+223"/>
        <source>no account for {address} is set up; give --host, --port and --security to test other settings.</source>
        <translation>für {address} ist kein Konto eingerichtet; geben Sie --host, --port und --security an, um andere Einstellungen zu testen.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>the keychain has no password for the account {address}, and there is no terminal to ask for it; give it on standard input with --password-stdin, or store it again with “setup {address}”.</source>
        <translation>der Schlüsselbund hat kein Passwort für das Konto {address}, und es gibt kein Terminal, um danach zu fragen; geben Sie es mit --password-stdin über die Standardeingabe an, oder speichern Sie es erneut mit „setup {address}“.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>--port, --security and --username need --host; without it, the account set up for {address} is tested as it was stored. Give --host as well to test other settings.</source>
        <translation>--port, --security und --username brauchen --host; ohne --host wird das für {address} eingerichtete Konto so getestet, wie es gespeichert ist. Geben Sie auch --host an, um andere Einstellungen zu testen.</translation>
    </message>
    <message>
        <location filename="../../wizard/cli/setup.py" line="-17"/>
        <source>a replaced password is still in the keychain (service {service}, user {username}): {reason}</source>
        <translation>ein ersetztes Passwort liegt noch im Schlüsselbund (Dienst {service}, Benutzer {username}): {reason}</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Stored this account:</source>
        <translation>Dieses Konto wurde gespeichert:</translation>
    </message>
    <message>
        <location line="+78"/>
        <source>{caution} Nothing was sent or stored. If your provider confirms it, run again with --trust-domain {server_domain}.</source>
        <translation>{caution} Es wurde nichts gesendet oder gespeichert. Wenn Ihr Anbieter es bestätigt, starten Sie erneut mit --trust-domain {server_domain}.</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>These settings come from an untrusted source. Use them?</source>
        <translation>Diese Einstellungen stammen aus einer nicht vertrauenswürdigen Quelle. Trotzdem verwenden?</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>not confirmed; nothing was sent or stored.</source>
        <translation>nicht bestätigt; nichts wurde gesendet oder gespeichert.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>these settings come from an untrusted source (DNS, plain HTTP or a guess), and without a terminal (or with --json) no one can be asked; check them, then run again with --yes.</source>
        <translation>diese Einstellungen stammen aus einer nicht vertrauenswürdigen Quelle (DNS, unverschlüsseltes HTTP oder eine Vermutung), und ohne Terminal (oder mit --json) kann niemand gefragt werden; prüfen Sie sie und starten Sie dann erneut mit --yes.</translation>
    </message>
    <message>
        <location filename="../../wizard/cli/send.py" line="+107"/>
        <source>{problem} (see “email-setup-wizard send --help”).</source>
        <translation>{problem} (siehe „email-setup-wizard send --help“).</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>“-b{mode}” is not supported: this sender only sends a message now (-bm) and keeps no queue.</source>
        <translation>„-b{mode}“ wird nicht unterstützt: Dieses Programm sendet eine Nachricht nur sofort (-bm) und führt keine Warteschlange.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>--send-timeout: {problem}</source>
        <translation>--send-timeout: {problem}</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>the message could not be read from standard input: {e}</source>
        <translation>die Nachricht konnte nicht von der Standardeingabe gelesen werden: {e}</translation>
    </message>
    <message>
        <location filename="../../wizard/cli/export.py" line="+22"/>
        <source>{path} could not be written: {reason}</source>
        <translation>{path} konnte nicht geschrieben werden: {reason}</translation>
    </message>
    <message>
        <location filename="../../wizard/cli/confirm.py" line="+94"/>
        <source>Waiting up to {seconds} s for the test message at {server}…</source>
        <translation>Warte bis zu {seconds} s auf die Testnachricht bei {server} …</translation>
    </message>
    <message>
        <location filename="../../wizard/cli/report.py" line="+89"/>
        <source>Checking {address}…</source>
        <translation>{address} wird geprüft …</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>the report could not be written to {path}: {reason}</source>
        <translation>der Bericht konnte nicht nach {path} geschrieben werden: {reason}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Report written to {path}.</source>
        <translation>Bericht nach {path} geschrieben.</translation>
    </message>
    <message>
        <location filename="../../wizard/cli/presets.py" line="+58"/>
        <source>{path} is a valid preset.</source>
        <translation>{path} ist eine gültige Vorgabe.</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>system-wide</source>
        <translation>systemweit</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>yours</source>
        <translation>Ihre</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Folder ({kind}): {path}</source>
        <translation>Ordner ({kind}): {path}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No presets are in use.</source>
        <translation>Es werden keine Vorgaben verwendet.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Ignored: {reason}</source>
        <translation>Ignoriert: {reason}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Set by your organisation: {name} ({path})</source>
        <translation>Von Ihrer Organisation vorgegeben: {name} ({path})</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>  Domains: {domains}</source>
        <translation>  Domains: {domains}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>  Locked: {fields}</source>
        <translation>  Gesperrt: {fields}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>encryption required</source>
        <translation>Verschlüsselung vorgeschrieben</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>SSL/TLS required</source>
        <translation>SSL/TLS vorgeschrieben</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>sign-in only with {methods}</source>
        <translation>Anmeldung nur mit {methods}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{count} pinned certificate(s)</source>
        <translation>{count} festgelegte(s) Zertifikat(e)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>  Policy: {rules}</source>
        <translation>  Richtlinie: {rules}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>  OAuth2 client for {issuer}: {client_id}</source>
        <translation>  OAuth2-Client für {issuer}: {client_id}</translation>
    </message>
    <message>
        <location filename="../../wizard/cli/signin.py" line="+67"/>
        <source>no client secret on standard input.</source>
        <translation>kein Client-Geheimnis auf der Standardeingabe.</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>Sign in in your browser. If no browser opens, open this page:</source>
        <translation>Melden Sie sich im Browser an. Wenn sich kein Browser öffnet, öffnen Sie diese Seite:</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The sign-in server does not allow reading your mailbox ({reason}); signing in again for sending only, so arrival will not be checked.</source>
        <translation>Der Anmeldeserver erlaubt das Lesen Ihres Postfachs nicht ({reason}); die Anmeldung wird nur für das Senden wiederholt, deshalb wird die Ankunft nicht geprüft.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>On any device, open {url} and enter the code {code}.</source>
        <translation>Öffnen Sie auf einem beliebigen Gerät {url} und geben Sie den Code {code} ein.</translation>
    </message>
    <message>
        <location filename="../../wizard/cli/token.py" line="+7"/>
        <source>{address} logs in with a password, not with OAuth2.</source>
        <translation>{address} meldet sich mit einem Passwort an, nicht mit OAuth2.</translation>
    </message>
</context>
<context>
    <name>CopyableText</name>
    <message>
        <location filename="../../wizard/gui/widgets.py" line="+279"/>
        <source>Copy</source>
        <translation>Kopieren</translation>
    </message>
</context>
<context>
    <name>DeliveryPanel</name>
    <message>
        <location filename="../../wizard/gui/delivery.py" line="+31"/>
        <source>Arrived in your mailbox</source>
        <translation>Im Postfach angekommen</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Waiting up to {seconds} s for the test message at {server}…</source>
        <translation>Warte bis zu {seconds} s auf die Testnachricht bei {server} …</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>in your Inbox after {seconds} s</source>
        <translation>nach {seconds} s im Posteingang</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>in Junk after {seconds} s</source>
        <translation>nach {seconds} s im Spam-Ordner</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>sent back by a server</source>
        <translation>von einem Server zurückgeschickt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>not arrived within {seconds} s</source>
        <translation>innerhalb von {seconds} s nicht angekommen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>not checked</source>
        <translation>nicht geprüft</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>could not be checked</source>
        <translation>ließ sich nicht prüfen</translation>
    </message>
</context>
<context>
    <name>DetectPage</name>
    <message>
        <location filename="../../wizard/gui/pages/detect.py" line="+61"/>
        <source>Finding your server</source>
        <translation>Ihr Server wird gesucht</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Every place that may know your settings is asked at once.</source>
        <translation>Alle Stellen, die Ihre Einstellungen kennen könnten, werden gleichzeitig gefragt.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Searching</source>
        <translation>Suche läuft</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Stop</source>
        <translation>&amp;Stopp</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Sources</source>
        <translation>Quellen</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Technical details, for your helpdesk:</source>
        <translation>Technische Angaben für Ihren Support:</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Details</source>
        <translation>&amp;Details</translation>
    </message>
    <message>
        <location line="+92"/>
        <source>Stopped: you chose to set up the account yourself.</source>
        <translation>Beendet: Sie richten das Konto selbst ein.</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>No settings were found</source>
        <translation>Keine Einstellungen gefunden</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Click Next to enter them yourself; your provider&apos;s help pages list them.</source>
        <translation>Klicken Sie auf „Weiter“, um sie selbst einzugeben; die Hilfeseiten Ihres Anbieters nennen sie.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The search has finished.</source>
        <translation>Die Suche ist beendet.</translation>
    </message>
    <message>
        <location line="-153"/>
        <source>Set up &amp;manually</source>
        <translation>&amp;Manuell einrichten</translation>
    </message>
    <message>
        <location line="+55"/>
        <source>Looking for the outgoing-mail server of {address}…</source>
        <translation>Der Postausgangsserver für {address} wird gesucht …</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>Stopping…</source>
        <translation>Wird beendet …</translation>
    </message>
    <message>
        <location line="+74"/>
        <source>Stopped. Click Next to enter the settings yourself.</source>
        <translation>Beendet. Klicken Sie auf „Weiter“, um die Einstellungen selbst einzugeben.</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>{source}: {status}, {time}</source>
        <translation>{source}: {status}, {time}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{line}. {summary}</source>
        <translation>{line}. {summary}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{source}: stopped</source>
        <translation>{source}: angehalten</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{source}: working… {time}</source>
        <translation>{source}: läuft… {time}</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>{host} answers slowly; still waiting, {seconds} s…</source>
        <translation>{host} antwortet langsam; es wird weiter gewartet, {seconds} s…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{seconds} s</source>
        <translation>{seconds} s</translation>
    </message>
</context>
<context>
    <name>DomainVerdict</name>
    <message>
        <location filename="../../wizard/gui/domain_health.py" line="+61"/>
        <source>Domain &amp;details</source>
        <translation>&amp;Details zur Domain</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Checking {domain}&apos;s mail records (SPF, DKIM, DMARC)…</source>
        <translation>Die Mail-Einträge von {domain} werden geprüft (SPF, DKIM, DMARC) …</translation>
    </message>
</context>
<context>
    <name>DonePage</name>
    <message>
        <location filename="../../wizard/gui/pages/done.py" line="+188"/>
        <source>Done</source>
        <translation>Fertig</translation>
    </message>
    <message>
        <location line="-127"/>
        <source>S&amp;ummary of the account:</source>
        <translation>Zusammen&amp;fassung des Kontos:</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Copy su&amp;mmary</source>
        <translation>Zusammenfassung &amp;kopieren</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Save your account</source>
        <translation>Konto speichern</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The test went through. Nothing is stored until you click Save.</source>
        <translation>Der Test war erfolgreich. Gespeichert wird erst, wenn Sie auf „Speichern“ klicken.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Save</source>
        <translation>&amp;Speichern</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Click Save to keep the password in your system&apos;s keychain and save the account. Nothing has been stored yet.</source>
        <translation>Klicken Sie auf „Speichern“, um das Passwort im Schlüsselbund Ihres Systems aufzubewahren und das Konto zu speichern. Bisher wurde nichts gespeichert.</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>Saving…</source>
        <translation>Wird gespeichert …</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Saved. Your sign-in is kept in {keychain}.</source>
        <translation>Gespeichert. Ihre Anmeldung liegt in {keychain}.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Saved. Your password is kept in {keychain}.</source>
        <translation>Gespeichert. Ihr Passwort liegt in {keychain}.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The password this account used before is still in the keychain (service {service}, user {username}): {problem}</source>
        <translation>Das Passwort, das dieses Konto vorher benutzt hat, ist noch im Schlüsselbund (Dienst {service}, Benutzer {username}): {problem}</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Your account is saved and ready to use.</source>
        <translation>Ihr Konto ist gespeichert und bereit.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Close</source>
        <translation>S&amp;chließen</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>{problem}
Nothing you entered is lost: click Save to try again.</source>
        <translation>{problem}
Nichts von Ihren Eingaben ist verloren: Klicken Sie auf „Speichern“, um es erneut zu versuchen.</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Account: {account}</source>
        <translation>Konto: {account}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Outgoing server (SMTP): {host}</source>
        <translation>Postausgangsserver (SMTP): {host}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Port: {port}</source>
        <translation>Port: {port}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Encryption: {security}</source>
        <translation>Verschlüsselung: {security}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Username: {username}</source>
        <translation>Benutzername: {username}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sign-in method: {method}</source>
        <translation>Anmeldeverfahren: {method}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>automatic</source>
        <translation>automatisch</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Settings: {origin}</source>
        <translation>Einstellungen: {origin}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Entered by you.</source>
        <translation>Von Ihnen eingegeben.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Tested: {when}, test message sent to {recipient}</source>
        <translation>Getestet: {when}, Testnachricht an {recipient} gesendet</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Trusted certificate (SHA-256): {fingerprint}</source>
        <translation>Vertrauenswürdiges Zertifikat (SHA-256): {fingerprint}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Signed in with OAuth2 at {issuer}</source>
        <translation>Angemeldet mit OAuth2 bei {issuer}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Password: not stored yet</source>
        <translation>Passwort: noch nicht gespeichert</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Sign-in: kept in {keychain} (service {service}, user {username})</source>
        <translation>Anmeldung: liegt in {keychain} (Dienst {service}, Benutzer {username})</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Password: kept in {keychain} (service {service}, user {username})</source>
        <translation>Passwort: liegt in {keychain} (Dienst {service}, Benutzer {username})</translation>
    </message>
</context>
<context>
    <name>Messages</name>
    <message>
        <location filename="../../wizard/messages.py" line="+72"/>
        <source>Enter your email address.</source>
        <translation>Geben Sie Ihre E-Mail-Adresse ein.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>An email address needs an “@” between your name and the domain, like name@example.com.</source>
        <translation>Eine E-Mail-Adresse braucht ein „@“ zwischen Ihrem Namen und der Domain, etwa name@example.com.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The address contains more than one “@”; keep only the one before the domain.</source>
        <translation>Die Adresse enthält mehr als ein „@“; behalten Sie nur das vor der Domain.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The part before the “@” is missing: add your name or account.</source>
        <translation>Der Teil vor dem „@“ fehlt: Ergänzen Sie Ihren Namen oder Ihr Konto.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The domain after the “@” is missing, for example example.com.</source>
        <translation>Die Domain nach dem „@“ fehlt, zum Beispiel example.com.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Email addresses cannot contain spaces; remove them.</source>
        <translation>E-Mail-Adressen dürfen keine Leerzeichen enthalten; entfernen Sie sie.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Enter only the address, without a name or angle brackets: {address}</source>
        <translation>Geben Sie nur die Adresse ein, ohne Namen und spitze Klammern: {address}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The address contains a line break; type it on one line.</source>
        <translation>Die Adresse enthält einen Zeilenumbruch; geben Sie sie in einer Zeile ein.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The part before the “@” contains characters or dots that are not allowed.</source>
        <translation>Der Teil vor dem „@“ enthält Zeichen oder Punkte, die nicht erlaubt sind.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>“{domain}” is not a valid domain name; check it for typos.</source>
        <translation>„{domain}“ ist kein gültiger Domainname; prüfen Sie ihn auf Tippfehler.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>“{domain}” is not a complete domain: it needs a dot and an ending, like example.com.</source>
        <translation>„{domain}“ ist keine vollständige Domain: Ihr fehlen ein Punkt und eine Endung, etwa example.com.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The address is too long to be a real email address.</source>
        <translation>Die Adresse ist zu lang für eine echte E-Mail-Adresse.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The name contains a line break or another control character; type it on one line, without them.</source>
        <translation>Der Name enthält einen Zeilenumbruch oder ein anderes Steuerzeichen; geben Sie ihn in einer Zeile und ohne solche Zeichen ein.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The name contains bytes that are not text (not UTF-8); type it again.</source>
        <translation>Der Name enthält Bytes, die kein Text sind (kein UTF-8); geben Sie ihn noch einmal ein.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The username contains a line break or another control character; type it on one line, without them.</source>
        <translation>Der Benutzername enthält einen Zeilenumbruch oder ein anderes Steuerzeichen; geben Sie ihn in einer Zeile und ohne solche Zeichen ein.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The username contains bytes that are not text (not UTF-8); type it again.</source>
        <translation>Der Benutzername enthält Bytes, die kein Text sind (kein UTF-8); geben Sie ihn noch einmal ein.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The password contains a NUL character, which cannot be sent to a mail server. Nothing was sent.</source>
        <translation>Das Passwort enthält ein NUL-Zeichen, das nicht an einen Mailserver gesendet werden kann. Es wurde nichts gesendet.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The password is not valid text (not UTF-8): check how it was typed or piped in. Nothing was sent.</source>
        <translation>Das Passwort ist kein gültiger Text (kein UTF-8): Prüfen Sie, wie es eingegeben oder übergeben wurde. Es wurde nichts gesendet.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>“{value}” is not a server name or address; enter one such as smtp.example.com.</source>
        <translation>„{value}“ ist kein Servername und keine Serveradresse; geben Sie etwa smtp.example.com ein.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>“{value}” is not a SHA-256 fingerprint, which has 64 hexadecimal digits (0-9, A-F), often in pairs separated by colons.</source>
        <translation>„{value}“ ist kein SHA-256-Fingerabdruck; dieser hat 64 Hexadezimalziffern (0–9, A–F), oft paarweise durch Doppelpunkte getrennt.</translation>
    </message>
    <message>
        <location filename="../../wizard/detection_words.py" line="+54"/>
        <source>The server could not be checked in time.</source>
        <translation>Der Server konnte nicht rechtzeitig geprüft werden.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The server did not answer; it may be down, or a firewall blocks the port.</source>
        <translation>Der Server hat nicht geantwortet; er ist vielleicht nicht erreichbar, oder eine Firewall sperrt den Port.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>This provider wants you to sign in through its website (OAuth2); a password may only work as an app password.</source>
        <translation>Dieser Anbieter möchte, dass Sie sich über seine Website anmelden (OAuth2); ein Passwort funktioniert womöglich nur als App-Passwort.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The domain “{domain}” does not exist; check the address for typos.</source>
        <translation>Die Domain „{domain}“ existiert nicht; prüfen Sie die Adresse auf Tippfehler.</translation>
    </message>
    <message>
        <location line="+59"/>
        <source>Set by your organisation</source>
        <translation>Von Ihrer Organisation vorgegeben</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Built-in provider list</source>
        <translation>Eingebaute Anbieterliste</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The domain&apos;s own settings</source>
        <translation>Eigene Einstellungen der Domain</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Thunderbird&apos;s online provider list</source>
        <translation>Online-Anbieterliste von Thunderbird</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mail host (MX records)</source>
        <translation>Mailserver (MX-Einträge)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Service records (SRV)</source>
        <translation>Diensteinträge (SRV)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Trying likely servers</source>
        <translation>Naheliegende Server ausprobieren</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>found</source>
        <translation>gefunden</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>nothing</source>
        <translation>nichts</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>timed out</source>
        <translation>Zeit abgelaufen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>skipped</source>
        <translation>übersprungen</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Set by {organisation}</source>
        <translation>Vorgegeben von {organisation}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No organisation preset for this domain</source>
        <translation>Keine Vorgabe einer Organisation für diese Domain</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Found: {provider}</source>
        <translation>Gefunden: {provider}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This domain publishes its settings</source>
        <translation>Diese Domain veröffentlicht ihre Einstellungen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This domain is not in the list</source>
        <translation>Diese Domain steht nicht in der Liste</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This domain publishes no settings</source>
        <translation>Diese Domain veröffentlicht keine Einstellungen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The settings could not be fetched, or were damaged</source>
        <translation>Die Einstellungen waren nicht abrufbar oder beschädigt</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This domain names no mail host</source>
        <translation>Diese Domain nennt keinen Mailserver</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Its mail is handled by its own server ({mx})</source>
        <translation>Eigener Mailserver ({mx})</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Its mail is handled by {provider} ({mx})</source>
        <translation>Ihre Mail läuft über {provider} ({mx})</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Its mail is handled by {mx}, a provider not known here</source>
        <translation>Ihre Mail läuft über {mx}, einen hier unbekannten Anbieter</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This domain publishes no service records</source>
        <translation>Diese Domain veröffentlicht keine Diensteinträge</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The records say no outgoing-mail server is offered</source>
        <translation>Laut den Einträgen wird kein Postausgangsserver angeboten</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>They point to {servers}</source>
        <translation>Sie verweisen auf {servers}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>None of the usual server names exist</source>
        <translation>Keiner der üblichen Servernamen existiert</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Answered: {servers}</source>
        <translation>Geantwortet haben: {servers}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No likely server answered</source>
        <translation>Kein naheliegender Server hat geantwortet</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The domain does not exist</source>
        <translation>Die Domain existiert nicht</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The DNS lookup failed</source>
        <translation>Die DNS-Abfrage ist fehlgeschlagen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No answer in time</source>
        <translation>Keine rechtzeitige Antwort</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stopped: the time limit was reached</source>
        <translation>Beendet: das Zeitlimit war erreicht</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stopped: a better answer was already confirmed</source>
        <translation>Beendet: eine bessere Antwort war schon bestätigt</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Failed because of a fault in this program</source>
        <translation>Fehlgeschlagen wegen eines Fehlers in diesem Programm</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>SSL/TLS</source>
        <translation>SSL/TLS</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>STARTTLS</source>
        <translation>STARTTLS</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>none (unencrypted)</source>
        <translation>keine (unverschlüsselt)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>trusted</source>
        <translation>vertrauenswürdig</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>from unauthenticated DNS or HTTP: confirm before use</source>
        <translation>aus nicht authentifiziertem DNS oder HTTP: vor der Verwendung bestätigen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>guessed</source>
        <translation>erraten</translation>
    </message>
    <message>
        <location filename="../../wizard/messages.py" line="+10"/>
        <source>The server did not accept the username or password.</source>
        <translation>Der Server hat den Benutzernamen oder das Passwort nicht akzeptiert.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check the password; if your provider uses two-step verification, create an app password and use that.</source>
        <translation>Prüfen Sie das Passwort; wenn Ihr Anbieter die Bestätigung in zwei Schritten verwendet, erstellen Sie ein App-Passwort und verwenden Sie dieses.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Google did not accept the username or password.</source>
        <translation>Google hat Benutzername oder Passwort nicht angenommen.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Gmail takes your normal password only through “Sign in with Google”. To use a password instead, turn on 2-Step Verification and create an app password (https://myaccount.google.com/apppasswords), then use that.</source>
        <translation>Gmail nimmt Ihr normales Passwort nur über „Mit Google anmelden“ an. Um stattdessen ein Passwort zu verwenden, schalten Sie die Bestätigung in zwei Schritten ein, erstellen Sie ein App-Passwort (https://myaccount.google.com/apppasswords) und verwenden Sie dieses.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Your provider blocked the sign-in because it looked unusual.</source>
        <translation>Ihr Anbieter hat die Anmeldung blockiert, weil sie ungewöhnlich erschien.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Sign in to your mail in a web browser once and confirm it was you, then test again; better still, sign in with your provider instead of a password.</source>
        <translation>Melden Sie sich einmal im Webbrowser bei Ihrer E-Mail an und bestätigen Sie, dass Sie es waren, und testen Sie dann erneut; besser noch: melden Sie sich beim Anbieter an statt mit einem Passwort.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The server refused after too many failed logins.</source>
        <translation>Der Server lehnt nach zu vielen fehlgeschlagenen Anmeldungen ab.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Yahoo and AOL answer this when a normal password is used: create an app password in your account&apos;s security settings, wait a few minutes, then use it.</source>
        <translation>Yahoo und AOL antworten so, wenn das normale Passwort verwendet wird: Erstellen Sie in den Sicherheitseinstellungen Ihres Kontos ein App-Passwort, warten Sie einige Minuten und verwenden Sie es dann.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Microsoft no longer accepts a password for sending from mail programs.</source>
        <translation>Microsoft nimmt zum Senden aus E-Mail-Programmen kein Passwort mehr an.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Sign in with Microsoft instead of using a password.</source>
        <translation>Melden Sie sich bei Microsoft an, statt ein Passwort zu verwenden.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Sending from mail programs (SMTP AUTH) is switched off for your mailbox or organisation.</source>
        <translation>Das Senden aus E-Mail-Programmen (SMTP AUTH) ist für Ihr Postfach oder Ihre Organisation ausgeschaltet.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Only an administrator can change this: ask them to enable SMTP AUTH for your mailbox (https://aka.ms/smtp_auth_disabled).</source>
        <translation>Das kann nur ein Administrator ändern: Bitten Sie ihn, SMTP AUTH für Ihr Postfach einzuschalten (https://aka.ms/smtp_auth_disabled).</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The server did not accept the sign-in.</source>
        <translation>Der Server hat die Anmeldung nicht angenommen.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sign in again; make sure you sign in with the account of this address.</source>
        <translation>Melden Sie sich erneut an, und zwar mit dem Konto dieser Adresse.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The sign-in does not include permission to send mail.</source>
        <translation>Die Anmeldung enthält keine Berechtigung zum Senden von E-Mails.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sign in again and allow sending mail when asked; an administrator may have to grant the SMTP permission to the app.</source>
        <translation>Melden Sie sich erneut an und erlauben Sie das Senden von E-Mails, wenn Sie gefragt werden; eventuell muss ein Administrator der App die SMTP-Berechtigung erteilen.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The server does not offer signing in with OAuth2 on this connection.</source>
        <translation>Der Server bietet auf dieser Verbindung keine Anmeldung mit OAuth2 an.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Check the server name and port, or log in with a password instead.</source>
        <translation>Prüfen Sie Servername und Port, oder melden Sie sich stattdessen mit einem Passwort an.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Your provider does not accept your normal password from mail programs.</source>
        <translation>Ihr Anbieter akzeptiert Ihr normales Passwort nicht von E-Mail-Programmen.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Create an app password in your account&apos;s security settings and use it here instead of your normal password.</source>
        <translation>Erstellen Sie in den Sicherheitseinstellungen Ihres Kontos ein App-Passwort und verwenden Sie es hier statt Ihres normalen Passworts.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Your provider has switched off password login for sending mail.</source>
        <translation>Ihr Anbieter hat die Anmeldung mit Passwort zum Versenden von E-Mails abgeschaltet.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Ask your provider or administrator to allow authenticated SMTP (SMTP AUTH) for this mailbox.</source>
        <translation>Bitten Sie Ihren Anbieter oder Ihre Administration, authentifiziertes SMTP (SMTP AUTH) für dieses Postfach zu erlauben.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The server does not offer a password login on this connection.</source>
        <translation>Der Server bietet auf dieser Verbindung keine Anmeldung mit Passwort an.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Check the server name and port: mail programs send through port 465 (SSL/TLS) or 587 (STARTTLS), not through port 25.</source>
        <translation>Prüfen Sie Servername und Port: E-Mail-Programme senden über Port 465 (SSL/TLS) oder 587 (STARTTLS), nicht über Port 25.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>The server accepts a login only after the connection is encrypted.</source>
        <translation>Der Server erlaubt eine Anmeldung erst, wenn die Verbindung verschlüsselt ist.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Choose STARTTLS (usually port 587) or SSL/TLS (usually port 465) as the security.</source>
        <translation>Wählen Sie STARTTLS (meist Port 587) oder SSL/TLS (meist Port 465) als Verschlüsselung.</translation>
    </message>
    <message>
        <location filename="../../wizard/detection_words.py" line="-170"/>
        <source>The server did not offer encryption. Someone on the network may have removed it. Your password was not sent.</source>
        <translation>Der Server hat keine Verschlüsselung angeboten. Jemand im Netzwerk könnte sie entfernt haben. Ihr Passwort wurde nicht gesendet.</translation>
    </message>
    <message>
        <location filename="../../wizard/messages.py" line="-178"/>
        <source>The quoted part before the “@” contains a character that is not allowed even between quotes, such as a tab or a control character.</source>
        <translation>Der Teil in Anführungszeichen vor dem „@“ enthält ein Zeichen, das auch zwischen Anführungszeichen nicht erlaubt ist, etwa einen Tabulator oder ein Steuerzeichen.</translation>
    </message>
    <message>
        <location filename="../../wizard/detection_words.py" line="+8"/>
        <source>This server offers no encryption: your password and your mail would cross the network readable by anyone on the way. Use it only if your provider says there is no other way.</source>
        <translation>Dieser Server bietet keine Verschlüsselung: Ihr Passwort und Ihre E-Mails wären für jeden auf dem Weg lesbar. Nutzen Sie ihn nur, wenn Ihr Anbieter sagt, dass es nicht anders geht.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{domain} did not confirm these settings itself. If you are unsure, compare the server name with your provider&apos;s help pages.</source>
        <translation>{domain} hat diese Einstellungen nicht selbst bestätigt. Vergleichen Sie im Zweifel den Servernamen mit den Hilfeseiten Ihres Anbieters.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>These settings were found by trying likely server names. If you are unsure, compare them with your provider&apos;s help pages.</source>
        <translation>Diese Einstellungen wurden durch Ausprobieren üblicher Servernamen gefunden. Vergleichen Sie sie im Zweifel mit den Hilfeseiten Ihres Anbieters.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The server&apos;s certificate could not be confirmed. The test shows its fingerprint, so you can compare it with the one your provider gives.</source>
        <translation>Das Zertifikat des Servers konnte nicht bestätigt werden. Der Test zeigt seinen Fingerabdruck, damit Sie ihn mit dem Ihres Anbieters vergleichen können.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>This server belongs to {server_domain}, not to {domain}: {how}. Nobody at {domain} confirmed this. Send your password there only if your provider told you that {server_domain} handles your mail.</source>
        <translation>Dieser Server gehört zu {server_domain}, nicht zu {domain}: {how}. Niemand bei {domain} hat das bestätigt. Senden Sie Ihr Passwort nur dorthin, wenn Ihr Anbieter Ihnen gesagt hat, dass {server_domain} Ihre E-Mails abwickelt.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>the settings published for {domain} redirected to {via}</source>
        <translation>die für {domain} veröffentlichten Einstellungen leiteten zu {via} weiter</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>settings fetched from {via} without encryption named it</source>
        <translation>ohne Verschlüsselung von {via} geladene Einstellungen nennen ihn</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the DNS service records of {domain} ({via}) point to it</source>
        <translation>die DNS-Diensteinträge von {domain} ({via}) verweisen auf ihn</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the mail host of {domain} ({via}) points to it, and it is not a provider this wizard knows</source>
        <translation>der Mailserver von {domain} ({via}) verweist auf ihn, und es ist kein Anbieter, den dieser Assistent kennt</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>the provider list links {domain} to it</source>
        <translation>die Anbieterliste ordnet {domain} ihm zu</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{domain} publishes it as its server</source>
        <translation>{domain} veröffentlicht ihn als seinen Server</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Operated by {server_domain} for {domain}.</source>
        <translation>Betrieben von {server_domain} für {domain}.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Yes, send without encryption</source>
        <translation>Ja, ohne Verschlüsselung senden</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Yes, send my password to {server_domain}</source>
        <translation>Ja, mein Passwort an {server_domain} senden</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Set by your organisation on this computer.</source>
        <translation>Von Ihrer Organisation auf diesem Computer festgelegt.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Found in the provider list.</source>
        <translation>In der Anbieterliste gefunden.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Found in Thunderbird&apos;s provider list.</source>
        <translation>In der Anbieterliste von Thunderbird gefunden.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Published by {domain}.</source>
        <translation>Von {domain} veröffentlicht.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Found through the mail host of {domain}.</source>
        <translation>Über den Mailserver von {domain} gefunden.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Named by the DNS service records of {domain}.</source>
        <translation>In den DNS-Diensteinträgen von {domain} genannt.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Found by trying likely server names.</source>
        <translation>Durch Ausprobieren üblicher Servernamen gefunden.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Published by {domain} over an unencrypted connection.</source>
        <translation>Von {domain} über eine unverschlüsselte Verbindung veröffentlicht.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Published by {domain}, redirected to {via}.</source>
        <translation>Von {domain} veröffentlicht, zu {via} umgeleitet.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Provider: {provider}.</source>
        <translation>Anbieter: {provider}.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Checked: the server answered, with encryption and a valid certificate.</source>
        <translation>Geprüft: Der Server hat verschlüsselt und mit gültigem Zertifikat geantwortet.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The server answered, without encryption.</source>
        <translation>Der Server hat geantwortet, ohne Verschlüsselung.</translation>
    </message>
    <message>
        <location filename="../../wizard/messages.py" line="+165"/>
        <source>The server offers none of the sign-in methods your organisation allows for this address, so the password was not sent.</source>
        <translation>Der Server bietet keine der Anmeldemethoden an, die Ihre Organisation für diese Adresse erlaubt; das Passwort wurde daher nicht gesendet.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Ask your administrator which server and sign-in method to use.</source>
        <translation>Fragen Sie Ihre Administratorin oder Ihren Administrator, welcher Server und welche Anmeldemethode zu verwenden sind.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Try again later or on another network. If it keeps happening, ask your provider whether this server offers encryption.</source>
        <translation>Versuchen Sie es später oder in einem anderen Netzwerk erneut. Wenn es so bleibt, fragen Sie Ihren Anbieter, ob dieser Server Verschlüsselung anbietet.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The server offers STARTTLS encryption, so the password was not sent unencrypted.</source>
        <translation>Der Server bietet STARTTLS-Verschlüsselung an, deshalb wurde das Passwort nicht unverschlüsselt gesendet.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Choose STARTTLS as the security; the server name and port can stay the same.</source>
        <translation>Wählen Sie STARTTLS als Verschlüsselung; Servername und Port bleiben gleich.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The connection is not encrypted, so the password was not sent.</source>
        <translation>Die Verbindung ist nicht verschlüsselt, deshalb wurde das Passwort nicht gesendet.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Choose SSL/TLS or STARTTLS if the server offers it. Allow an unencrypted login only if you trust every network between you and the server.</source>
        <translation>Wählen Sie SSL/TLS oder STARTTLS, wenn der Server es anbietet. Erlauben Sie eine unverschlüsselte Anmeldung nur, wenn Sie jedem Netzwerk zwischen Ihnen und dem Server vertrauen.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The server&apos;s certificate could not be verified, so the password was not sent.</source>
        <translation>Das Zertifikat des Servers konnte nicht überprüft werden, deshalb wurde das Passwort nicht gesendet.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Its SHA-256 fingerprint is shown. Trust this certificate only if your provider confirms that exact fingerprint; otherwise check the server name and your network.</source>
        <translation>Sein SHA-256-Fingerabdruck wird angezeigt. Vertrauen Sie diesem Zertifikat nur, wenn Ihr Anbieter genau diesen Fingerabdruck bestätigt; prüfen Sie andernfalls den Servernamen und Ihr Netzwerk.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The server&apos;s certificate is not the one your organisation pinned for it, so the password was not sent.</source>
        <translation>Das Zertifikat des Servers ist nicht das, das Ihre Organisation für ihn festgelegt hat; das Passwort wurde daher nicht gesendet.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Only the certificate your organisation chose is accepted for this server, even one your system trusts: someone may be intercepting the connection, or the server&apos;s certificate was changed. Tell your administrator (its fingerprint is shown).</source>
        <translation>Für diesen Server wird nur das von Ihrer Organisation gewählte Zertifikat akzeptiert, auch wenn Ihr System ein anderes für vertrauenswürdig hält: Jemand könnte die Verbindung abfangen, oder das Zertifikat des Servers wurde geändert. Informieren Sie Ihre Administratorin oder Ihren Administrator (der Fingerabdruck wird angezeigt).</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>An encrypted connection could not be set up.</source>
        <translation>Eine verschlüsselte Verbindung konnte nicht aufgebaut werden.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check the security for this port: SSL/TLS is usually on port 465 and STARTTLS on port 587.</source>
        <translation>Prüfen Sie die Verschlüsselung für diesen Port: SSL/TLS liegt meist auf Port 465, STARTTLS auf Port 587.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Port 465 is for connections encrypted from the start (SSL/TLS), and the server did not answer one without.</source>
        <translation>Port 465 ist für Verbindungen, die von Anfang an verschlüsselt sind (SSL/TLS), und der Server hat auf eine unverschlüsselte nicht geantwortet.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Choose SSL/TLS for port 465, or STARTTLS with port 587.</source>
        <translation>Wählen Sie SSL/TLS für Port 465 oder STARTTLS mit Port 587.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The server refused to send mail from this address.</source>
        <translation>Der Server hat sich geweigert, E-Mails von dieser Adresse zu senden.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check that the address belongs to the account you log in with; many providers only let you send from your own addresses.</source>
        <translation>Prüfen Sie, ob die Adresse zu dem Konto gehört, mit dem Sie sich anmelden; viele Anbieter lassen Sie nur von Ihren eigenen Adressen senden.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The server refused the recipient&apos;s address.</source>
        <translation>Der Server hat die Adresse des Empfängers abgelehnt.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check the recipient&apos;s address for typos.</source>
        <translation>Prüfen Sie die Adresse des Empfängers auf Tippfehler.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The server refused to pass the message on to the recipient.</source>
        <translation>Der Server hat sich geweigert, die Nachricht an den Empfänger weiterzuleiten.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This usually means the server did not count your login for sending: check the server name and username with your provider.</source>
        <translation>Meist bedeutet das, dass der Server Ihre Anmeldung für das Senden nicht berücksichtigt hat: Prüfen Sie Servername und Benutzernamen mit Ihrem Anbieter.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The server asked to try again later; many servers do this with new senders.</source>
        <translation>Der Server bittet darum, es später erneut zu versuchen; viele Server tun das bei neuen Absendern.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Try again in a few minutes.</source>
        <translation>Versuchen Sie es in einigen Minuten erneut.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The server refused the test message itself.</source>
        <translation>Der Server hat die Testnachricht selbst abgelehnt.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The server&apos;s answer says why; your provider can explain it.</source>
        <translation>Die Antwort des Servers nennt den Grund; Ihr Anbieter kann ihn erklären.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The server does not accept addresses with accented or non-Latin letters before the “@”.</source>
        <translation>Der Server akzeptiert keine Adressen mit Akzenten oder nicht lateinischen Buchstaben vor dem „@“.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Ask your provider for an address without them, or whether the server can be set up for international addresses (SMTPUTF8).</source>
        <translation>Fragen Sie Ihren Anbieter nach einer Adresse ohne solche Zeichen oder ob der Server für internationale Adressen (SMTPUTF8) eingerichtet werden kann.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The server does not accept 8-bit messages (8BITMIME), and this message could not be converted for it.</source>
        <translation>Der Server nimmt keine 8-Bit-Nachrichten an (8BITMIME), und diese Nachricht ließ sich dafür nicht umwandeln.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Let your mail program encode the message (quoted-printable or base64), and write the headers in plain ASCII or with encoded words.</source>
        <translation>Lassen Sie Ihr Mailprogramm die Nachricht kodieren (quoted-printable oder base64) und schreiben Sie die Kopfzeilen in reinem ASCII oder mit kodierten Wörtern.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The server could not be reached on this port.</source>
        <translation>Der Server war auf diesem Port nicht erreichbar.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Your network or provider may block this port; try port 465 or 587, or another network.</source>
        <translation>Ihr Netzwerk oder Ihr Anbieter sperrt diesen Port vielleicht; versuchen Sie Port 465 oder 587 oder ein anderes Netzwerk.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The server name could not be found.</source>
        <translation>Der Servername wurde nicht gefunden.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check the server name for typos, and your internet connection.</source>
        <translation>Prüfen Sie den Servernamen auf Tippfehler und Ihre Internetverbindung.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Something answered on this port, but not like a mail server.</source>
        <translation>Auf diesem Port hat etwas geantwortet, aber nicht wie ein Mailserver.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Check the server name and port; if they are right, the server may be overloaded: try again later.</source>
        <translation>Prüfen Sie Servername und Port; wenn sie stimmen, ist der Server vielleicht überlastet: Versuchen Sie es später erneut.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The server hung up or stopped answering in the middle of the test.</source>
        <translation>Der Server hat mitten im Test die Verbindung getrennt oder nicht mehr geantwortet.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Try again in a few minutes; if it keeps happening, the server may be limiting connections from your network.</source>
        <translation>Versuchen Sie es in einigen Minuten erneut; wenn es wieder passiert, begrenzt der Server vielleicht Verbindungen aus Ihrem Netzwerk.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The server answered with something that is not a mail-server reply.</source>
        <translation>Der Server hat mit etwas geantwortet, das keine Antwort eines Mailservers ist.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Check the server name and port; if they are right, the server or something on the network between is misbehaving: try again later, or ask your provider.</source>
        <translation>Prüfen Sie Servername und Port; stimmen sie, verhält sich der Server oder etwas im Netzwerk dazwischen fehlerhaft: Versuchen Sie es später noch einmal oder fragen Sie Ihren Anbieter.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The server answered so slowly that the test ran out of time.</source>
        <translation>Der Server hat so langsam geantwortet, dass die Zeit für den Test abgelaufen ist.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Try again later; if the server is always this slow, ask your provider about it.</source>
        <translation>Versuchen Sie es später noch einmal; ist der Server immer so langsam, fragen Sie Ihren Anbieter danach.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The server reported a temporary problem.</source>
        <translation>Der Server hat ein vorübergehendes Problem gemeldet.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Try again later.</source>
        <translation>Versuchen Sie es später erneut.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The server refused the test with an unusual answer.</source>
        <translation>Der Server hat den Test mit einer ungewöhnlichen Antwort abgelehnt.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The server&apos;s answer is shown; your provider can explain it.</source>
        <translation>Die Antwort des Servers wird angezeigt; Ihr Anbieter kann sie erklären.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Connect</source>
        <translation>Verbinden</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Secure the connection</source>
        <translation>Verbindung verschlüsseln</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Greet the server</source>
        <translation>Server begrüßen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Log in</source>
        <translation>Anmelden</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Send the test message</source>
        <translation>Testnachricht senden</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Done</source>
        <translation>Fertig</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The certificate is self-signed: no authority vouches for it.</source>
        <translation>Das Zertifikat ist selbst signiert: Keine Zertifizierungsstelle bürgt dafür.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The certificate has expired.</source>
        <translation>Das Zertifikat ist abgelaufen.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The certificate is not valid yet; check this computer&apos;s date and time.</source>
        <translation>Das Zertifikat ist noch nicht gültig; prüfen Sie Datum und Uhrzeit dieses Computers.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The certificate belongs to a different server name.</source>
        <translation>Das Zertifikat gehört zu einem anderen Servernamen.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The certificate was not issued by an authority your computer trusts.</source>
        <translation>Das Zertifikat wurde nicht von einer Stelle ausgestellt, der Ihr Computer vertraut.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The certificate was not accepted.</source>
        <translation>Das Zertifikat wurde nicht akzeptiert.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The certificate expired on {date}.</source>
        <translation>Das Zertifikat ist am {date} abgelaufen.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The certificate is valid only from {date}; check this computer&apos;s date and time.</source>
        <translation>Das Zertifikat gilt erst ab {date}; prüfen Sie Datum und Uhrzeit dieses Computers.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The certificate was issued for {names}, not for {host}.</source>
        <translation>Das Zertifikat wurde für {names} ausgestellt, nicht für {host}.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The server accepted the test message: sending works.</source>
        <translation>Der Server hat die Testnachricht angenommen: Das Senden funktioniert.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Logged in as “{username}”.</source>
        <translation>Angemeldet als „{username}“.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Message-ID: {message_id}</source>
        <translation>Message-ID: {message_id}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The test stopped at this step: {stage}.</source>
        <translation>Der Test endete bei diesem Schritt: {stage}.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The server answered: {reply}</source>
        <translation>Der Server antwortete: {reply}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Certificate fingerprint (SHA-256): {sha256}</source>
        <translation>Fingerabdruck des Zertifikats (SHA-256): {sha256}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No usable keychain was found (tried: {backend}). Start your desktop&apos;s keyring (for example GNOME Keyring or KWallet) or sign in to a desktop session, then try again. Your settings are kept; the password was not written anywhere else.</source>
        <translation>Es wurde kein nutzbarer Schlüsselbund gefunden (versucht: {backend}). Starten Sie den Schlüsselbund Ihrer Arbeitsumgebung (zum Beispiel GNOME Keyring oder KWallet) oder melden Sie sich an einer Desktop-Sitzung an, und versuchen Sie es dann erneut. Ihre Einstellungen bleiben erhalten; das Passwort wurde nirgendwo anders gespeichert.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The keychain ({backend}) is locked. Unlock it, then try again.</source>
        <translation>Der Schlüsselbund ({backend}) ist gesperrt. Entsperren Sie ihn, und versuchen Sie es dann erneut.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The keychain ({backend}) refused access, or its prompt was closed. Try again and allow access.</source>
        <translation>Der Schlüsselbund ({backend}) hat den Zugriff verweigert, oder seine Abfrage wurde geschlossen. Versuchen Sie es erneut, und erlauben Sie den Zugriff.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The keychain ({backend}) could not complete the request ({detail}). Try again; nothing else was changed.</source>
        <translation>Der Schlüsselbund ({backend}) konnte die Anfrage nicht ausführen ({detail}). Versuchen Sie es erneut; sonst wurde nichts geändert.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The account file {path} is damaged ({detail}). It was left untouched: repair it or move it away, then try again.</source>
        <translation>Die Kontodatei {path} ist beschädigt ({detail}). Sie wurde nicht verändert: Reparieren oder verschieben Sie sie, und versuchen Sie es dann erneut.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The account file {path} was written by a newer version of Email Setup Wizard. Update this program; the file was left untouched.</source>
        <translation>Die Kontodatei {path} wurde von einer neueren Version des E-Mail-Einrichtungsassistenten geschrieben. Aktualisieren Sie dieses Programm; die Datei wurde nicht verändert.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The account file {path} cannot be read ({detail}). Check its permissions.</source>
        <translation>Die Kontodatei {path} kann nicht gelesen werden ({detail}). Prüfen Sie ihre Zugriffsrechte.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Another Email Setup Wizard is changing the accounts in {path} and has not finished. Wait until it has, then try again; nothing was changed.</source>
        <translation>Ein anderer Email Setup Wizard ändert gerade die Konten in {path} und ist noch nicht fertig. Warten Sie, bis er fertig ist, und versuchen Sie es dann noch einmal; es wurde nichts geändert.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The account file {path} cannot be written ({detail}). Check the folder&apos;s permissions and free space; the accounts already stored are unchanged.</source>
        <translation>Die Kontodatei {path} kann nicht geschrieben werden ({detail}). Prüfen Sie die Zugriffsrechte des Ordners und den freien Speicherplatz; die bereits gespeicherten Konten sind unverändert.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Nothing trustworthy says where this server&apos;s users sign in, so signing in with OAuth2 is not possible here; use a password.</source>
        <translation>Keine vertrauenswürdige Quelle sagt, wo sich die Benutzer dieses Servers anmelden; eine Anmeldung mit OAuth2 ist hier daher nicht möglich. Verwenden Sie ein Passwort.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>This program has no app registration for signing in at {issuer}. An administrator registers one (see the README&apos;s section for organisations) and gives you its client ID, for the registrations file (or --oauth-client-id at the command line).</source>
        <translation>Dieses Programm hat keine App-Registrierung für die Anmeldung bei {issuer}. Ein Administrator legt eine an (siehe den Abschnitt für Organisationen in der README) und gibt Ihnen die Client-ID für die Registrierungsdatei (oder --oauth-client-id auf der Kommandozeile).</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{issuer} does not offer signing in with a code; sign in in the browser.</source>
        <translation>{issuer} bietet keine Anmeldung mit einem Code an; melden Sie sich im Browser an.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The sign-in server {issuer} publishes no usable description of itself ({detail}).</source>
        <translation>Der Anmeldeserver {issuer} veröffentlicht keine brauchbare Beschreibung von sich ({detail}).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The sign-in server {issuer} could not be reached ({detail}); check your connection and try again.</source>
        <translation>Der Anmeldeserver {issuer} war nicht erreichbar ({detail}); prüfen Sie Ihre Verbindung und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The sign-in server {issuer} refused to register this program ({detail}).</source>
        <translation>Der Anmeldeserver {issuer} hat die Registrierung dieses Programms abgelehnt ({detail}).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Signing in was not finished in time; start it again when you are ready.</source>
        <translation>Die Anmeldung wurde nicht rechtzeitig abgeschlossen; starten Sie sie erneut, wenn Sie so weit sind.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A sign-in reply that did not belong to this sign-in was refused, and nothing was stored; sign in again.</source>
        <translation>Eine Anmeldeantwort, die nicht zu dieser Anmeldung gehörte, wurde abgewiesen, und nichts wurde gespeichert; melden Sie sich erneut an.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Access was not granted. Sign in again and allow access; if your organisation must approve the app first, ask your administrator.</source>
        <translation>Der Zugriff wurde nicht gewährt. Melden Sie sich erneut an und erlauben Sie den Zugriff; muss Ihre Organisation die App erst genehmigen, fragen Sie Ihren Administrator.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The code expired before signing in was finished; start again.</source>
        <translation>Der Code ist abgelaufen, bevor die Anmeldung abgeschlossen war; beginnen Sie von vorn.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The stored sign-in is no longer valid (it expired, or was revoked, e.g. by a password change): sign in again.</source>
        <translation>Die gespeicherte Anmeldung ist nicht mehr gültig (abgelaufen oder widerrufen, z. B. durch eine Passwortänderung): Melden Sie sich erneut an.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The sign-in server {issuer} refused: {detail}</source>
        <translation>Der Anmeldeserver {issuer} hat abgelehnt: {detail}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>This program has no app registration for signing in with Google, so use a password: Gmail takes an app password (turn on 2-Step Verification, then create one at https://myaccount.google.com/apppasswords). An administrator can also register a Google Cloud app (see the README&apos;s section for organisations) and give you its client ID and secret, for the registrations file.</source>
        <translation>Dieses Programm hat keine App-Registrierung für die Anmeldung mit Google. Verwenden Sie daher ein Passwort: Gmail nimmt ein App-Passwort an (Bestätigung in zwei Schritten einschalten, dann unter https://myaccount.google.com/apppasswords eines erstellen). Ein Administrator kann auch eine Google-Cloud-App registrieren (siehe den Abschnitt für Organisationen in der README) und Ihnen deren Client-ID und Client-Secret für die Registrierungsdatei geben.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>This program has no app registration for signing in with Microsoft. An administrator must register the app in Entra ID (see the README&apos;s section for organisations) and give you its client ID, for the registrations file (or --oauth-client-id at the command line), or enable SMTP AUTH for your Microsoft 365 mailbox (https://aka.ms/smtp_auth_disabled) so that a password works.</source>
        <translation>Dieses Programm hat keine App-Registrierung für die Anmeldung mit Microsoft. Ein Administrator muss die App in Entra ID registrieren (siehe den Abschnitt für Organisationen in der README) und Ihnen die Client-ID für die Registrierungsdatei (oder --oauth-client-id auf der Kommandozeile) geben, oder SMTP AUTH für Ihr Microsoft-365-Postfach einschalten (https://aka.ms/smtp_auth_disabled), damit ein Passwort funktioniert.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Email Setup Wizard</source>
        <translation>Email Setup Wizard</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>You are signed in. You can close this window and go back to Email Setup Wizard.</source>
        <translation>Sie sind angemeldet. Sie können dieses Fenster schließen und zu Email Setup Wizard zurückkehren.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Signing in did not work ({error}). You can close this window.</source>
        <translation>Die Anmeldung hat nicht geklappt ({error}). Sie können dieses Fenster schließen.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This page does not belong to the sign-in in progress. You can close this window.</source>
        <translation>Diese Seite gehört nicht zur laufenden Anmeldung. Sie können dieses Fenster schließen.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Sign-in addresses from an untrusted source were ignored ({urls}): they could lead to a fake sign-in page.</source>
        <translation>Anmeldeadressen aus einer nicht vertrauenswürdigen Quelle wurden ignoriert ({urls}): Sie könnten zu einer gefälschten Anmeldeseite führen.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Something went wrong: {detail}</source>
        <translation>Etwas ist schiefgegangen: {detail}</translation>
    </message>
    <message>
        <location line="+122"/>
        <source>good</source>
        <translation>gut</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>note</source>
        <translation>Hinweis</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>warning</source>
        <translation>Warnung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>problem</source>
        <translation>Problem</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>SPF (who may send)</source>
        <translation>SPF (wer senden darf)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>DKIM (signatures)</source>
        <translation>DKIM (Signaturen)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>DMARC (what receivers do)</source>
        <translation>DMARC (was Empfänger tun)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>MTA-STS (encrypted delivery to you)</source>
        <translation>MTA-STS (verschlüsselte Zustellung an Sie)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>TLS-RPT (delivery reports)</source>
        <translation>TLS-RPT (Zustellberichte)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>DANE (TLSA records)</source>
        <translation>DANE (TLSA-Einträge)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{domain} publishes no SPF record, so receivers cannot tell which servers may send its mail; some will treat it as suspicious. Ask whoever manages {domain}&apos;s DNS to add one.</source>
        <translation>{domain} veröffentlicht keinen SPF-Eintrag, daher können Empfänger nicht erkennen, welche Server seine Mail senden dürfen; manche behandeln sie als verdächtig. Bitten Sie, wer das DNS von {domain} verwaltet, einen anzulegen.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{domain} has several SPF records; receivers then treat SPF as broken (permanent error). Merge them into one TXT record that starts with v=spf1.</source>
        <translation>{domain} hat mehrere SPF-Einträge; Empfänger werten SPF dann als defekt (dauerhafter Fehler). Fassen Sie sie zu einem TXT-Eintrag zusammen, der mit v=spf1 beginnt.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{domain}&apos;s SPF record cannot be read by receivers ({detail}); they treat SPF as broken.</source>
        <translation>Der SPF-Eintrag von {domain} ist für Empfänger nicht lesbar ({detail}); sie werten SPF als defekt.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{domain}&apos;s SPF record needs {lookups} DNS lookups; receivers stop at 10 and treat SPF as broken (permanent error). Remove includes that are no longer used, or replace some with the addresses they stand for.</source>
        <translation>Der SPF-Eintrag von {domain} braucht {lookups} DNS-Abfragen; Empfänger hören bei 10 auf und werten SPF als defekt (dauerhafter Fehler). Entfernen Sie nicht mehr benötigte includes oder ersetzen Sie einige durch die Adressen, für die sie stehen.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>SPF record: {record} ({lookups} of 10 DNS lookups).</source>
        <translation>SPF-Eintrag: {record} ({lookups} von 10 DNS-Abfragen).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{domain}&apos;s SPF record allows mail sent through {server} ({addresses}).</source>
        <translation>Der SPF-Eintrag von {domain} erlaubt Mail, die über {server} ({addresses}) gesendet wird.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Mail you send through {server} may be marked as spam or refused: {domain}&apos;s SPF record does not include it (result “{result}” for {addresses}). Ask whoever manages {domain}&apos;s DNS to add your provider&apos;s SPF entry.</source>
        <translation>Mail, die Sie über {server} senden, kann als Spam markiert oder abgelehnt werden: Der SPF-Eintrag von {domain} schließt diesen Server nicht ein (Ergebnis „{result}“ für {addresses}). Bitten Sie, wer das DNS von {domain} verwaltet, den SPF-Eintrag Ihres Anbieters aufzunehmen.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{domain}&apos;s SPF record breaks when it is evaluated for {server} ({detail}); receivers treat that as a permanent error.</source>
        <translation>Der SPF-Eintrag von {domain} scheitert bei der Auswertung für {server} ({detail}); Empfänger werten das als dauerhaften Fehler.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>SPF could not be evaluated for {server} just now ({detail}); try again later.</source>
        <translation>SPF konnte für {server} gerade nicht ausgewertet werden ({detail}); versuchen Sie es später erneut.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{server} has no address, so SPF could not be evaluated for it.</source>
        <translation>{server} hat keine Adresse, daher konnte SPF dafür nicht ausgewertet werden.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{domain} publishes DKIM keys (selectors: {selectors}), so a provider can sign its mail.</source>
        <translation>{domain} veröffentlicht DKIM-Schlüssel (Selektoren: {selectors}), ein Anbieter kann seine Mail also signieren.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The DKIM keys for the selectors {selectors} are revoked (empty p=); mail signed with them fails DKIM.</source>
        <translation>Die DKIM-Schlüssel der Selektoren {selectors} sind widerrufen (leeres p=); damit signierte Mail besteht DKIM nicht.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No DKIM key was found for the selectors tried ({selectors}). DKIM keys can only be found by their selector: ask your provider which one it signs with and check it with --dkim-selector.</source>
        <translation>Für die versuchten Selektoren ({selectors}) wurde kein DKIM-Schlüssel gefunden. DKIM-Schlüssel lassen sich nur über ihren Selektor finden: Fragen Sie Ihren Anbieter, mit welchem er signiert, und prüfen Sie ihn mit --dkim-selector.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{domain} publishes no DMARC policy. Large mailbox providers expect one from senders; a policy of p=none is a safe start.</source>
        <translation>{domain} veröffentlicht keine DMARC-Richtlinie. Große Postfachanbieter erwarten eine von Absendern; eine Richtlinie p=none ist ein sicherer Anfang.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{domain}&apos;s DMARC record cannot be used ({detail}).</source>
        <translation>Der DMARC-Eintrag von {domain} ist nicht verwendbar ({detail}).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>DMARC policy p={policy} (published at {location}; alignment SPF {aspf}, DKIM {adkim}): mail that neither SPF nor a DKIM signature of the domain vouches for is {policy_meaning}.</source>
        <translation>DMARC-Richtlinie p={policy} (veröffentlicht bei {location}; Ausrichtung SPF {aspf}, DKIM {adkim}): Mail, für die weder SPF noch eine DKIM-Signatur der Domain bürgt, wird {policy_meaning}.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{domain}&apos;s DMARC policy (p={policy}) tells receivers to {policy_action} mail that fails authentication, and SPF does not vouch for {server}: unless your provider signs your mail with a DKIM key of {domain}, it will not reach the inbox.</source>
        <translation>Die DMARC-Richtlinie von {domain} (p={policy}) weist Empfänger an, Mail ohne bestandene Authentifizierung {policy_action}, und SPF bürgt nicht für {server}: Wenn Ihr Anbieter Ihre Mail nicht mit einem DKIM-Schlüssel von {domain} signiert, erreicht sie den Posteingang nicht.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>SPF does not vouch for {server}, so with p={policy} your mail arrives only if it is signed with one of {domain}&apos;s DKIM keys. Check with your provider that it signs for {domain}.</source>
        <translation>SPF bürgt nicht für {server}, daher kommt Ihre Mail bei p={policy} nur an, wenn sie mit einem DKIM-Schlüssel von {domain} signiert ist. Klären Sie mit Ihrem Anbieter, dass er für {domain} signiert.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{domain} publishes no MTA-STS policy: servers delivering to it may fall back to unencrypted connections if an attacker interferes.</source>
        <translation>{domain} veröffentlicht keine MTA-STS-Richtlinie: Server, die dorthin zustellen, können auf unverschlüsselte Verbindungen zurückfallen, wenn ein Angreifer eingreift.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{domain}&apos;s MTA-STS record cannot be used ({detail}).</source>
        <translation>Der MTA-STS-Eintrag von {domain} ist nicht verwendbar ({detail}).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{domain} announces MTA-STS, but its policy could not be fetched from {url} ({detail}). Servers delivering to {domain} then ignore it.</source>
        <translation>{domain} kündigt MTA-STS an, aber die Richtlinie konnte nicht von {url} geladen werden ({detail}). Server, die an {domain} zustellen, ignorieren sie dann.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The MTA-STS policy at {url} is not valid ({detail}).</source>
        <translation>Die MTA-STS-Richtlinie unter {url} ist ungültig ({detail}).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>MTA-STS policy in mode “{mode}” for the mail hosts {mx}.</source>
        <translation>MTA-STS-Richtlinie im Modus „{mode}“ für die Mailserver {mx}.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The MTA-STS policy does not cover the mail hosts {hosts}: in mode “{mode}”, servers that honour it refuse to deliver there.</source>
        <translation>Die MTA-STS-Richtlinie deckt die Mailserver {hosts} nicht ab: Im Modus „{mode}“ stellen Server, die sie beachten, dort nicht zu.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{domain} asks for no TLS delivery reports (TLS-RPT).</source>
        <translation>{domain} fordert keine TLS-Zustellberichte an (TLS-RPT).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{domain}&apos;s TLS-RPT record cannot be used ({detail}).</source>
        <translation>Der TLS-RPT-Eintrag von {domain} ist nicht verwendbar ({detail}).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>TLS delivery reports are sent to {rua}.</source>
        <translation>TLS-Zustellberichte gehen an {rua}.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{domain} names no mail host (MX).</source>
        <translation>{domain} nennt keinen Mailserver (MX).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{domain}&apos;s mail hosts publish no TLSA records (no DANE).</source>
        <translation>Die Mailserver von {domain} veröffentlichen keine TLSA-Einträge (kein DANE).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The mail hosts {hosts} publish TLSA records, and DNSSEC vouches for them.</source>
        <translation>Die Mailserver {hosts} veröffentlichen TLSA-Einträge, und DNSSEC bürgt für sie.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The mail hosts {hosts} publish TLSA records, but the answer was not DNSSEC-validated, so servers delivering mail ignore them.</source>
        <translation>Die Mailserver {hosts} veröffentlichen TLSA-Einträge, aber die Antwort war nicht per DNSSEC bestätigt, daher ignorieren zustellende Server sie.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Some mail hosts have DANE, but {hosts} publish no TLSA records.</source>
        <translation>Einige Mailserver haben DANE, aber {hosts} veröffentlichen keine TLSA-Einträge.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This could not be checked in time ({detail}).</source>
        <translation>Das konnte nicht rechtzeitig geprüft werden ({detail}).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>DNS gave no usable answer ({detail}).</source>
        <translation>DNS gab keine verwertbare Antwort ({detail}).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Add “{suggestion}” to {domain}&apos;s SPF record.</source>
        <translation>Nehmen Sie „{suggestion}“ in den SPF-Eintrag von {domain} auf.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>only reported, still delivered</source>
        <translation>nur gemeldet und trotzdem zugestellt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>put into the spam folder</source>
        <translation>in den Spam-Ordner verschoben</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>refused</source>
        <translation>abgelehnt</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>move into the spam folder</source>
        <translation>in den Spam-Ordner zu verschieben</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>refuse</source>
        <translation>abzulehnen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{domain}&apos;s records allow mail from this server.</source>
        <translation>Die Einträge von {domain} erlauben Mail von diesem Server.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nothing in {domain}&apos;s records stops mail from this server.</source>
        <translation>Nichts in den Einträgen von {domain} hält Mail von diesem Server auf.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Some of your mail may be marked as spam: {domain}&apos;s records need attention.</source>
        <translation>Ein Teil Ihrer Mail kann als Spam markiert werden: Die Einträge von {domain} brauchen Aufmerksamkeit.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Mail you send may be refused or marked as spam: {domain}&apos;s records need fixing.</source>
        <translation>Ihre Mail kann abgelehnt oder als Spam markiert werden: Die Einträge von {domain} müssen korrigiert werden.</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>No account for {value} is set up. Set it up with “email-setup-wizard setup {value}”, or name another with --account.</source>
        <translation>Für {value} ist kein Konto eingerichtet. Richten Sie es mit „email-setup-wizard setup {value}“ ein oder nennen Sie mit --account ein anderes.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No account is set up yet. Set one up first with “email-setup-wizard setup ADDRESS”.</source>
        <translation>Es ist noch kein Konto eingerichtet. Richten Sie zuerst eines mit „email-setup-wizard setup ADRESSE“ ein.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Several accounts are set up, and nothing says which one to send from: give the message a From field, or name the account with -f ADDRESS or --account ADDRESS.</source>
        <translation>Es sind mehrere Konten eingerichtet, und nichts sagt, über welches gesendet werden soll: Geben Sie der Nachricht ein From-Feld oder nennen Sie das Konto mit -f ADRESSE oder --account ADRESSE.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The keychain holds no password for {value}. Store it again with “email-setup-wizard setup {value}”.</source>
        <translation>Der Schlüsselbund enthält kein Passwort für {value}. Speichern Sie es erneut mit „email-setup-wizard setup {value}“.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The message has no recipients: name them on the command line, or use -t to take them from its To, Cc and Bcc fields.</source>
        <translation>Die Nachricht hat keine Empfänger: Nennen Sie sie auf der Befehlszeile oder übernehmen Sie sie mit -t aus ihren Feldern To, Cc und Bcc.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>“{value}” in the message&apos;s To, Cc or Bcc field is not an email address.</source>
        <translation>„{value}“ im Feld To, Cc oder Bcc der Nachricht ist keine E-Mail-Adresse.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>“{value}” in the message&apos;s From field is not an email address.</source>
        <translation>„{value}“ im From-Feld der Nachricht ist keine E-Mail-Adresse.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>“{value}” in the message&apos;s Resent-To, Resent-Cc or Resent-Bcc field is not an email address.</source>
        <translation>„{value}“ im Feld Resent-To, Resent-Cc oder Resent-Bcc der Nachricht ist keine E-Mail-Adresse.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>“{value}” in the message&apos;s Resent-From field is not an email address.</source>
        <translation>„{value}“ im Resent-From-Feld der Nachricht ist keine E-Mail-Adresse.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The message is larger than {value}, the most this command sends, so it was not sent (and the rest of it was not read). Most providers refuse far smaller messages, often over 25 MB: share large files as a link instead of attaching them.</source>
        <translation>Die Nachricht ist größer als {value}, das Höchstmaß für diesen Befehl, und wurde daher nicht gesendet (der Rest wurde nicht mehr gelesen). Die meisten Anbieter lehnen schon weit kleinere Nachrichten ab, oft ab 25 MB: Teilen Sie große Dateien als Link, statt sie anzuhängen.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>An Apple profile must name the incoming (IMAP) server too: give it with --imap-host (and --imap-port, --imap-security if they are not 993 and SSL/TLS).</source>
        <translation>Ein Apple-Profil muss auch den Posteingangsserver (IMAP) nennen: Geben Sie ihn mit --imap-host an (und --imap-port, --imap-security, wenn sie nicht 993 und SSL/TLS sind).</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>This account signs in with OAuth2, and this format can only log in with a password: export for msmtp, git or mutt instead, or have the program run “email-setup-wizard send” or “email-setup-wizard token”.</source>
        <translation>Dieses Konto meldet sich mit OAuth2 an, und dieses Format kann sich nur mit einem Passwort anmelden: Exportieren Sie stattdessen für msmtp, git oder mutt, oder lassen Sie das Programm „email-setup-wizard send“ oder „email-setup-wizard token“ aufrufen.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The server refused the message.</source>
        <translation>Der Server hat die Nachricht abgelehnt.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The server answered so slowly that the time limit for sending ran out.</source>
        <translation>Der Server hat so langsam geantwortet, dass die Zeitgrenze für das Senden abgelaufen ist.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The server hung up or stopped answering before it accepted the message.</source>
        <translation>Der Server hat die Verbindung getrennt oder nicht mehr geantwortet, bevor er die Nachricht angenommen hat.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The server refused the message with an unusual answer.</source>
        <translation>Der Server hat die Nachricht mit einer ungewöhnlichen Antwort abgelehnt.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>If the password has changed, store the new one with “email-setup-wizard setup {address}”.</source>
        <translation>Wenn sich das Passwort geändert hat, speichern Sie das neue mit „email-setup-wizard setup {address}“.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Refused: {recipient} ({reply})</source>
        <translation>Abgelehnt: {recipient} ({reply})</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The message was not sent.</source>
        <translation>Die Nachricht wurde nicht gesendet.</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>The test message arrived in your Inbox after {seconds} s.</source>
        <translation>Die Testnachricht ist nach {seconds} s in Ihrem Posteingang angekommen.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The test message arrived after {seconds} s, but in your Junk folder ({folder}).</source>
        <translation>Die Testnachricht ist nach {seconds} s angekommen, aber in Ihrem Spam-Ordner ({folder}).</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Other providers may treat mail from this account as spam too. The checks below show what the receiving server disliked; your provider&apos;s help explains how to set up SPF, DKIM and DMARC for your domain.</source>
        <translation>Auch andere Anbieter könnten Mail von diesem Konto als Spam einstufen. Die Prüfungen unten zeigen, was dem empfangenden Server missfiel; die Hilfe Ihres Anbieters erklärt, wie Sie SPF, DKIM und DMARC für Ihre Domain einrichten.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The test message has not arrived within {seconds} s, although the server accepted it.</source>
        <translation>Die Testnachricht ist innerhalb von {seconds} s nicht angekommen, obwohl der Server sie angenommen hat.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>It may still be on its way, or a filter or relay dropped it. Look in your Inbox and Junk folder later; if it never comes, ask your provider, and mention the Message-ID.</source>
        <translation>Vielleicht ist sie noch unterwegs, oder ein Filter oder Weiterleitungsserver hat sie verworfen. Sehen Sie später im Posteingang und im Spam-Ordner nach; kommt sie nie an, fragen Sie Ihren Anbieter und nennen Sie die Message-ID.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The test message could not be delivered: a server sent it back.</source>
        <translation>Die Testnachricht konnte nicht zugestellt werden: Ein Server hat sie zurückgeschickt.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The test message is delayed: a server reported that it is still trying to deliver it.</source>
        <translation>Die Testnachricht verzögert sich: Ein Server meldet, dass er sie weiter zuzustellen versucht.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{server} answered: {reply}</source>
        <translation>{server} antwortete: {reply}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The recipient&apos;s address does not exist, or is mistyped.</source>
        <translation>Die Adresse des Empfängers gibt es nicht, oder sie ist falsch geschrieben.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The recipient&apos;s mailbox cannot take mail now: it may be full or closed.</source>
        <translation>Das Postfach des Empfängers nimmt gerade keine Mail an: Es ist vielleicht voll oder gesperrt.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The recipient&apos;s mail server could not be reached.</source>
        <translation>Der Mailserver des Empfängers war nicht erreichbar.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The receiving side refused it for security or policy reasons, often because of SPF, DKIM or DMARC, or a blocklist.</source>
        <translation>Die Empfängerseite hat sie aus Sicherheits- oder Richtliniengründen abgelehnt, oft wegen SPF, DKIM oder DMARC oder einer Sperrliste.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The server&apos;s answer below says why.</source>
        <translation>Die Antwort des Servers unten nennt den Grund.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Arrival was not checked: no incoming-mail (IMAP) server is known for this address.</source>
        <translation>Die Ankunft wurde nicht geprüft: Für diese Adresse ist kein Posteingangsserver (IMAP) bekannt.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Arrival was not checked, as asked.</source>
        <translation>Die Ankunft wurde wie gewünscht nicht geprüft.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The test message went to another address, so its arrival cannot be checked from here; no bounce came back within {seconds} s.</source>
        <translation>Die Testnachricht ging an eine andere Adresse, deshalb lässt sich ihre Ankunft von hier aus nicht prüfen; innerhalb von {seconds} s kam keine Unzustellbarkeitsmeldung zurück.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Arrival was not checked: the test message was not sent.</source>
        <translation>Die Ankunft wurde nicht geprüft: Die Testnachricht wurde nicht gesendet.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Arrival was not checked: the sign-in allows sending only, not reading the mailbox.</source>
        <translation>Die Zustellung wurde nicht geprüft: Die Anmeldung erlaubt nur das Senden, nicht das Lesen des Postfachs.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Arrival was not checked: the incoming-mail server was only found in DNS or by guessing, so your password was not sent to it.</source>
        <translation>Die Ankunft wurde nicht geprüft: Der Posteingangsserver wurde nur über DNS oder durch Raten gefunden, deshalb wurde Ihr Passwort nicht an ihn gesendet.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Arrival was not checked: the incoming-mail server found is in another domain than your address and your outgoing server, and nobody vouched for it, so your password was not sent to it.</source>
        <translation>Die Ankunft wurde nicht geprüft: Der gefundene Posteingangsserver liegt in einer anderen Domain als Ihre Adresse und Ihr Postausgangsserver, und niemand hat sich für ihn verbürgt, deshalb wurde Ihr Passwort nicht an ihn gesendet.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Sending works. To have arrival checked too, set the account up again and allow reading your mail when you sign in.</source>
        <translation>Das Senden funktioniert. Damit auch die Ankunft geprüft wird, richten Sie das Konto erneut ein und erlauben Sie bei der Anmeldung das Lesen Ihrer Mail.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The incoming-mail server could not be reached, so arrival was not checked.</source>
        <translation>Der Posteingangsserver war nicht erreichbar, deshalb wurde die Ankunft nicht geprüft.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The incoming-mail server offers no encryption, so the password was not sent to it and arrival was not checked.</source>
        <translation>Der Posteingangsserver bietet keine Verschlüsselung an, deshalb wurde das Passwort nicht an ihn gesendet und die Ankunft nicht geprüft.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The incoming-mail server did not offer STARTTLS encryption, so the password was not sent to it and arrival was not checked.</source>
        <translation>Der Posteingangsserver hat keine STARTTLS-Verschlüsselung angeboten, deshalb wurde das Passwort nicht an ihn gesendet und die Ankunft nicht geprüft.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The incoming-mail server&apos;s certificate could not be verified, so the password was not sent to it and arrival was not checked.</source>
        <translation>Das Zertifikat des Posteingangsservers ließ sich nicht überprüfen, deshalb wurde das Passwort nicht an ihn gesendet und die Ankunft nicht geprüft.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The incoming-mail server&apos;s certificate is not the one your organisation pinned for it, so the password was not sent to it and arrival was not checked.</source>
        <translation>Das Zertifikat des Posteingangsservers ist nicht das, das Ihre Organisation für ihn festgelegt hat; das Passwort wurde daher nicht an ihn gesendet und der Eingang nicht geprüft.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>An encrypted connection to the incoming-mail server could not be set up, so arrival was not checked.</source>
        <translation>Eine verschlüsselte Verbindung zum Posteingangsserver kam nicht zustande, deshalb wurde die Ankunft nicht geprüft.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The incoming-mail server did not accept the login, so arrival was not checked. Sending works; some providers want another password (an app password) for reading mail.</source>
        <translation>Der Posteingangsserver hat die Anmeldung nicht angenommen, deshalb wurde die Ankunft nicht geprüft. Das Senden funktioniert; manche Anbieter verlangen zum Lesen von Mail ein anderes Passwort (ein App-Passwort).</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The incoming-mail server allows no password login on this connection, so arrival was not checked.</source>
        <translation>Der Posteingangsserver erlaubt auf dieser Verbindung keine Anmeldung mit Passwort, deshalb wurde die Ankunft nicht geprüft.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The incoming-mail server does not take a sign-in (OAuth2) for logging in, so arrival was not checked.</source>
        <translation>Der Posteingangsserver nimmt keine Anmeldung (OAuth2) zum Einloggen an, deshalb wurde die Ankunft nicht geprüft.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The incoming-mail server did not accept the sign-in, so arrival was not checked. Sending works; the sign-in may not be allowed to read mail there.</source>
        <translation>Der Posteingangsserver hat die Anmeldung nicht angenommen, deshalb wurde die Ankunft nicht geprüft. Das Senden funktioniert; die Anmeldung darf dort vielleicht keine Mail lesen.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The incoming-mail server hung up or stopped answering, so arrival could not be checked to the end.</source>
        <translation>Der Posteingangsserver hat die Verbindung getrennt oder antwortet nicht mehr, deshalb ließ sich die Ankunft nicht zu Ende prüfen.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The test message was moved to your Trash.</source>
        <translation>Die Testnachricht wurde in Ihren Papierkorb verschoben.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The test message was deleted.</source>
        <translation>Die Testnachricht wurde gelöscht.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The test message was kept, as asked.</source>
        <translation>Die Testnachricht wurde wie gewünscht behalten.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The test message was left where it is: this server offers no way to remove it without touching other messages. Delete it yourself.</source>
        <translation>Die Testnachricht wurde liegen gelassen: Dieser Server bietet keinen Weg, sie zu entfernen, ohne andere Nachrichten anzutasten. Löschen Sie sie bitte selbst.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The receiving server ({server}) checked the message:</source>
        <translation>Der empfangende Server ({server}) hat die Nachricht geprüft:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The receiving server added no authentication results, so its SPF, DKIM and DMARC verdict cannot be shown.</source>
        <translation>Der empfangende Server hat keine Authentifizierungsergebnisse hinzugefügt, deshalb lässt sich sein Urteil zu SPF, DKIM und DMARC nicht zeigen.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{check}: {explanation}</source>
        <translation>{check}: {explanation}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>passed: the server that sent it may send mail for your domain.</source>
        <translation>bestanden: Der sendende Server darf Mail für Ihre Domain versenden.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>failed: your domain does not allow this server to send its mail, so receivers may reject it or file it as spam. Ask your provider which SPF record your domain needs.</source>
        <translation>nicht bestanden: Ihre Domain erlaubt diesem Server nicht, ihre Mail zu versenden, deshalb können Empfänger sie ablehnen oder als Spam einordnen. Fragen Sie Ihren Anbieter, welchen SPF-Eintrag Ihre Domain braucht.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>soft fail: your domain&apos;s SPF record does not quite cover this server, so receivers may distrust it. Ask your provider which SPF record your domain needs.</source>
        <translation>eingeschränkt nicht bestanden (softfail): Der SPF-Eintrag Ihrer Domain deckt diesen Server nicht ganz ab, deshalb könnten Empfänger misstrauisch werden. Fragen Sie Ihren Anbieter, welchen SPF-Eintrag Ihre Domain braucht.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>neutral: your domain&apos;s SPF record says nothing about this server.</source>
        <translation>neutral: Der SPF-Eintrag Ihrer Domain sagt nichts über diesen Server.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>none: your domain publishes no SPF record, so receivers cannot tell which servers may send its mail. Your provider&apos;s help explains how to add one.</source>
        <translation>keines: Ihre Domain veröffentlicht keinen SPF-Eintrag, deshalb können Empfänger nicht erkennen, welche Server ihre Mail senden dürfen. Die Hilfe Ihres Anbieters erklärt, wie Sie einen anlegen.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>passed: the signature is valid.</source>
        <translation>bestanden: Die Signatur ist gültig.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>failed: the signature did not verify; the message was changed on the way, or the key in DNS does not match. Ask your provider to check DKIM for your domain.</source>
        <translation>nicht bestanden: Die Signatur ließ sich nicht bestätigen; die Nachricht wurde unterwegs verändert, oder der Schlüssel im DNS passt nicht. Bitten Sie Ihren Anbieter, DKIM für Ihre Domain zu prüfen.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>not signed. Mail from this account to other providers may be marked as spam; your provider&apos;s help explains how to enable DKIM for your domain.</source>
        <translation>nicht signiert. Mail von diesem Konto an andere Anbieter könnte als Spam markiert werden; die Hilfe Ihres Anbieters erklärt, wie Sie DKIM für Ihre Domain einschalten.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>passed: SPF or DKIM confirmed the domain in the From address.</source>
        <translation>bestanden: SPF oder DKIM hat die Domain der Absenderadresse bestätigt.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>failed: neither SPF nor DKIM confirmed the domain in the From address; receivers that follow your domain&apos;s DMARC policy may reject such mail or file it as spam.</source>
        <translation>nicht bestanden: Weder SPF noch DKIM hat die Domain der Absenderadresse bestätigt; Empfänger, die der DMARC-Richtlinie Ihrer Domain folgen, können solche Mail ablehnen oder als Spam einordnen.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>none: your domain publishes no DMARC policy. Big providers increasingly expect one.</source>
        <translation>keine: Ihre Domain veröffentlicht keine DMARC-Richtlinie. Große Anbieter erwarten zunehmend eine.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>passed: the results of forwarding servers were kept intact.</source>
        <translation>bestanden: Die Ergebnisse weiterleitender Server sind unverändert erhalten.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>failed: a forwarding server&apos;s record of its checks did not verify.</source>
        <translation>nicht bestanden: Die Aufzeichnung eines weiterleitenden Servers über seine Prüfungen ließ sich nicht bestätigen.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>none: the message was not forwarded, so there was nothing to check.</source>
        <translation>keines: Die Nachricht wurde nicht weitergeleitet, also gab es nichts zu prüfen.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>could not be checked because of a temporary DNS problem.</source>
        <translation>konnte wegen eines vorübergehenden DNS-Problems nicht geprüft werden.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>could not be checked: the record in DNS is broken. Ask your provider to correct it.</source>
        <translation>konnte nicht geprüft werden: Der Eintrag im DNS ist fehlerhaft. Bitten Sie Ihren Anbieter, ihn zu berichtigen.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>the result was “{result}”.</source>
        <translation>das Ergebnis lautete „{result}“.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Signed by {domain} (selector {selector}).</source>
        <translation>Signiert von {domain} (Selektor {selector}).</translation>
    </message>
    <message>
        <location line="+92"/>
        <source>Port {port} reaches {host}.</source>
        <translation>Port {port} erreicht {host}.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This network blocks port {port}; port {working} works. On a home network that is unusual: a security program may be filtering mail.</source>
        <translation>Dieses Netz sperrt Port {port}; Port {working} funktioniert. In einem Heimnetz ist das ungewöhnlich: Ein Sicherheitsprogramm filtert vielleicht Mail.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Port 25 does not get through, as on most home and mobile networks; mail programs send through port {working} instead.</source>
        <translation>Port 25 kommt nicht durch, wie in den meisten Heim- und Mobilfunknetzen; Mailprogramme senden stattdessen über Port {working}.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{host} does not offer port {port} (the connection was refused).</source>
        <translation>{host} bietet Port {port} nicht an (die Verbindung wurde abgewiesen).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>None of the ports 25, 465 and 587 of {host} answered: the server may be down, or this network blocks outgoing mail entirely. Try another network (a phone&apos;s hotspot).</source>
        <translation>Keiner der Ports 25, 465 und 587 von {host} hat geantwortet: Der Server ist vielleicht ausgefallen, oder dieses Netz sperrt ausgehende Mail ganz. Versuchen Sie ein anderes Netz (den Hotspot eines Telefons).</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The server name {host} could not be found in DNS.</source>
        <translation>Der Servername {host} wurde im DNS nicht gefunden.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>On port {port} something other than the server answered: its certificate is not the server&apos;s ({problem}), while another port shows the right one. Antivirus programs and company proxies do this; turn off their mail scanning, or use the other port.</source>
        <translation>Auf Port {port} hat etwas anderes als der Server geantwortet: Sein Zertifikat ist nicht das des Servers ({problem}), während ein anderer Port das richtige zeigt. Virenschutzprogramme und Firmen-Proxys tun das; schalten Sie deren Mail-Prüfung ab oder nutzen Sie den anderen Port.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>No port of {host} shows a certificate this computer trusts: either the server&apos;s certificate is wrong, or a security program intercepts every encrypted connection.</source>
        <translation>Kein Port von {host} zeigt ein Zertifikat, dem dieser Computer vertraut: Entweder ist das Zertifikat des Servers falsch, oder ein Sicherheitsprogramm fängt jede verschlüsselte Verbindung ab.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>On port {port} a server of {greeting} answered instead of {expected}: something on the way (a proxy or security program) may be answering in the server&apos;s place.</source>
        <translation>Auf Port {port} hat ein Server von {greeting} statt {expected} geantwortet: Etwas auf dem Weg (ein Proxy oder Sicherheitsprogramm) antwortet vielleicht an Stelle des Servers.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>DNS answers.</source>
        <translation>DNS antwortet.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>DNS does not answer: check the network connection or its DNS settings.</source>
        <translation>DNS antwortet nicht: Prüfen Sie die Netzverbindung oder ihre DNS-Einstellungen.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>DNS answers with errors ({detail}): check the network&apos;s DNS settings.</source>
        <translation>DNS antwortet mit Fehlern ({detail}): Prüfen Sie die DNS-Einstellungen des Netzes.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>An HTTPS proxy is configured ({proxy}). This program does not use it: settings are looked up and mail is sent directly, because mail servers cannot be reached through an HTTPS proxy. If direct connections are blocked here, ask the network&apos;s administrator.</source>
        <translation>Ein HTTPS-Proxy ist eingerichtet ({proxy}). Dieses Programm nutzt ihn nicht: Einstellungen werden direkt abgefragt und Mail direkt gesendet, weil Mailserver über einen HTTPS-Proxy nicht erreichbar sind. Wenn direkte Verbindungen hier gesperrt sind, fragen Sie die Verwaltung des Netzes.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>No HTTPS proxy is configured.</source>
        <translation>Kein HTTPS-Proxy ist eingerichtet.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>no such server name</source>
        <translation>kein solcher Servername</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>connection refused</source>
        <translation>Verbindung abgewiesen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>no answer (timed out)</source>
        <translation>keine Antwort (Zeit abgelaufen)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>connected, but no greeting</source>
        <translation>verbunden, aber keine Begrüßung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>answered, but not as a mail server</source>
        <translation>geantwortet, aber nicht als Mailserver</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>encryption could not be set up</source>
        <translation>Verschlüsselung konnte nicht aufgebaut werden</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>STARTTLS not offered</source>
        <translation>STARTTLS nicht angeboten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>hung up</source>
        <translation>Verbindung beendet</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>it cannot be read ({detail})</source>
        <translation>sie kann nicht gelesen werden ({detail})</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>other users of this computer can change it ({detail}), so it is not your organisation&apos;s word; only root (or you, for your own presets) may be able to write it and its folder</source>
        <translation>andere Benutzer dieses Computers können sie ändern ({detail}), daher ist sie nicht das Wort Ihrer Organisation; nur root (oder Sie selbst, für Ihre eigenen Vorgaben) darf die Datei und ihren Ordner schreiben können</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>it is too large to be a preset</source>
        <translation>sie ist zu groß für eine Vorgabe</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>it is not well-formed XML ({detail})</source>
        <translation>sie ist kein wohlgeformtes XML ({detail})</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>it declares a DTD or entities, which presets may not use</source>
        <translation>sie deklariert eine DTD oder Entitäten, die Vorgaben nicht verwenden dürfen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>it is not a clientConfig document with an &lt;emailProvider&gt; ({detail})</source>
        <translation>sie ist kein clientConfig-Dokument mit einem &lt;emailProvider&gt; ({detail})</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>it names no &lt;domain&gt;, so it would apply to nothing</source>
        <translation>sie nennt keine &lt;domain&gt; und gälte daher für nichts</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>“{detail}” is not a domain (or *.domain pattern)</source>
        <translation>„{detail}“ ist keine Domain (und kein *.domain-Muster)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>it has no SMTP &lt;outgoingServer&gt;</source>
        <translation>sie hat keinen SMTP-&lt;outgoingServer&gt;</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the outgoing server has no &lt;{detail}&gt;</source>
        <translation>dem Postausgangsserver fehlt &lt;{detail}&gt;</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>“{detail}” is not a server name</source>
        <translation>„{detail}“ ist kein Servername</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>“{detail}” is not a port (1 to 65535)</source>
        <translation>„{detail}“ ist kein Port (1 bis 65535)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>socketType “{detail}” is none of SSL, STARTTLS or plain</source>
        <translation>socketType „{detail}“ ist weder SSL noch STARTTLS noch plain</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>“{detail}” is not a clientConfig authentication method</source>
        <translation>„{detail}“ ist kein Anmeldeverfahren von clientConfig</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&lt;{detail}&gt; is not known here (a typo?)</source>
        <translation>&lt;{detail}&gt; ist hier unbekannt (ein Tippfehler?)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>“{detail}” cannot be locked; lock hostname, port, socketType, username or authentication</source>
        <translation>„{detail}“ kann nicht gesperrt werden; sperrbar sind hostname, port, socketType, username und authentication</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>“{detail}” is not a SHA-256 fingerprint (64 hexadecimal digits)</source>
        <translation>„{detail}“ ist kein SHA-256-Fingerabdruck (64 Hexadezimalziffern)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the OAuth2 registrations are not a TOML table per https:// issuer with a client_id ({detail})</source>
        <translation>die OAuth2-Registrierungen sind keine TOML-Tabelle je https://-Aussteller mit einer client_id ({detail})</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>its own server breaks its policy ({detail})</source>
        <translation>ihr eigener Server verletzt ihre Richtlinie ({detail})</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The preset {path} (line {line}) was ignored: {problem}.</source>
        <translation>Die Vorgabe {path} (Zeile {line}) wurde ignoriert: {problem}.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The preset {path} was ignored: {problem}.</source>
        <translation>Die Vorgabe {path} wurde ignoriert: {problem}.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the server</source>
        <translation>den Server</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the port</source>
        <translation>den Port</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the security</source>
        <translation>die Verschlüsselung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the username</source>
        <translation>den Benutzernamen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the sign-in method</source>
        <translation>das Anmeldeverfahren</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Your organisation ({organisation}) sets {field} for this address to “{value}”; it cannot be changed here.</source>
        <translation>Ihre Organisation ({organisation}) legt {field} für diese Adresse auf „{value}“ fest; das lässt sich hier nicht ändern.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Your organisation ({organisation}) never allows an unencrypted connection for this address, not even with --allow-plaintext.</source>
        <translation>Ihre Organisation ({organisation}) erlaubt für diese Adresse nie eine unverschlüsselte Verbindung, auch nicht mit --allow-plaintext.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Your organisation ({organisation}) requires SSL/TLS for this address; STARTTLS and unencrypted connections are not allowed.</source>
        <translation>Ihre Organisation ({organisation}) schreibt für diese Adresse SSL/TLS vor; STARTTLS und unverschlüsselte Verbindungen sind nicht erlaubt.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Your organisation ({organisation}) allows no password for this address: it signs in with OAuth2 only (allowed: {value}). No password was sent.</source>
        <translation>Ihre Organisation ({organisation}) erlaubt für diese Adresse kein Passwort: Die Anmeldung erfolgt nur mit OAuth2 (erlaubt: {value}). Es wurde kein Passwort gesendet.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Your organisation ({organisation}) does not allow signing in with OAuth2 for this address: it uses a password (allowed: {value}).</source>
        <translation>Ihre Organisation ({organisation}) erlaubt für diese Adresse keine Anmeldung mit OAuth2: Sie verwendet ein Passwort (erlaubt: {value}).</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Your organisation ({organisation}) does not allow the sign-in method {value} for this address (allowed: {allowed}).</source>
        <translation>Ihre Organisation ({organisation}) erlaubt für diese Adresse die Anmeldemethode {value} nicht (erlaubt: {allowed}).</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>(Preset: {path}; ask your administrator.)</source>
        <translation>(Vorgabe: {path}; fragen Sie Ihre Administration.)</translation>
    </message>
    <message>
        <location filename="../../wizard/smtp/send.py" line="+108"/>
        <source>Test message from Email Setup Wizard</source>
        <translation>Testnachricht vom Email Setup Wizard</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This message was sent by Email Setup Wizard to check the settings for sending mail from
{address} through {host}, port {port}.

It arrived, so the settings work. You can delete it.
</source>
        <translation>Diese Nachricht hat der Email Setup Wizard gesendet, um die Einstellungen zu prüfen, mit denen
{address} über {host}, Port {port}, Mail sendet.

Sie ist angekommen, die Einstellungen funktionieren also. Sie können sie löschen.
</translation>
    </message>
</context>
<context>
    <name>Notice</name>
    <message>
        <location filename="../../wizard/gui/widgets.py" line="-108"/>
        <source>Information</source>
        <translation>Information</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Warning</source>
        <translation>Warnung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Danger</source>
        <translation>Gefahr</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Done</source>
        <translation>Fertig</translation>
    </message>
</context>
<context>
    <name>PasswordEdit</name>
    <message>
        <location line="-18"/>
        <source>Hide password</source>
        <translation>Passwort verbergen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Show password</source>
        <translation>Passwort zeigen</translation>
    </message>
</context>
<context>
    <name>PresetLocks</name>
    <message>
        <location filename="../../wizard/gui/preset_locks.py" line="+68"/>
        <source>Set by your organisation ({organisation}). These cannot be changed here: {fields}.</source>
        <translation>Von Ihrer Organisation vorgegeben ({organisation}). Hier nicht änderbar: {fields}.</translation>
    </message>
</context>
<context>
    <name>Report</name>
    <message>
        <location filename="../../wizard/reporting/sections.py" line="+22"/>
        <source>Sender domain {domain}</source>
        <translation>Absenderdomain {domain}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Will your mail arrive? (SPF, DKIM, DMARC)</source>
        <translation>Kommt Ihre Mail an? (SPF, DKIM, DMARC)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>How others deliver to {domain} (MTA-STS, TLS-RPT, DANE)</source>
        <translation>Wie andere an {domain} zustellen (MTA-STS, TLS-RPT, DANE)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Verdict</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <location filename="../../wizard/reporting/layout.py" line="+37"/>
        <source>Email setup diagnosis for {address}</source>
        <translation>E-Mail-Einrichtung: Diagnose für {address}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Summary</source>
        <translation>Zusammenfassung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Address</source>
        <translation>Adresse</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Created</source>
        <translation>Erstellt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Program</source>
        <translation>Programm</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Operating system</source>
        <translation>Betriebssystem</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Keychain</source>
        <translation>Schlüsselbund</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../wizard/reporting/sections.py" line="+1"/>
        <source>Outgoing server</source>
        <translation>Postausgangsserver</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Username</source>
        <translation>Benutzername</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Settings from</source>
        <translation>Einstellungen aus</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Test send</source>
        <translation>Testversand</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sender domain</source>
        <translation>Absenderdomain</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No outgoing-mail settings were found.</source>
        <translation>Es wurden keine Einstellungen für ausgehende Mail gefunden.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the stored account</source>
        <translation>dem gespeicherten Konto</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>detection</source>
        <translation>der Erkennung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>nowhere: nothing was found</source>
        <translation>nirgends: nichts gefunden</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>passed</source>
        <translation>bestanden</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>failed: {explanation}</source>
        <translation>fehlgeschlagen: {explanation}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>not run: no password was at hand (no stored account, and none was given), so no message was sent</source>
        <translation>nicht ausgeführt: Kein Passwort lag vor (kein gespeichertes Konto, und keines wurde angegeben), daher wurde keine Nachricht gesendet</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>not run: the stored account&apos;s password or sign-in could not be read from the keychain (see Keychain above), so no message was sent</source>
        <translation>nicht ausgeführt: Das Passwort oder die Anmeldung des gespeicherten Kontos konnte nicht aus dem Schlüsselbund gelesen werden (siehe Schlüsselbund oben), daher wurde keine Nachricht gesendet</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>not run: no server was found</source>
        <translation>nicht ausgeführt: kein Server gefunden</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>not run: the settings were found in DNS, over plain HTTP or by guessing, or lead into another domain, and no one has confirmed them, so the password was not sent to them; set the account up first (setup, or the wizard)</source>
        <translation>nicht ausgeführt: Die Einstellungen wurden im DNS, über unverschlüsseltes HTTP oder durch Raten gefunden oder führen in eine andere Domain, und niemand hat sie bestätigt, daher wurde das Passwort nicht an sie gesendet; richten Sie das Konto zuerst ein (setup oder der Assistent)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Warnings</source>
        <translation>Warnungen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The chosen settings, and why</source>
        <translation>Die gewählten Einstellungen und warum</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+18"/>
        <source>Found by</source>
        <translation>Gefunden durch</translation>
    </message>
    <message>
        <location line="-17"/>
        <source>Trust</source>
        <translation>Vertrauen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Live check</source>
        <translation>Live-Prüfung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the server answered with this security</source>
        <translation>der Server hat mit dieser Verschlüsselung geantwortet</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>not confirmed: {problem}</source>
        <translation>nicht bestätigt: {problem}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>not checked during detection</source>
        <translation>bei der Erkennung nicht geprüft</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sign-in methods</source>
        <translation>Anmeldeverfahren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Chosen because it is the best-ranked answer: servers confirmed live come first, then the more trustworthy source, then implicit TLS over STARTTLS over none.</source>
        <translation>Gewählt, weil es die bestplatzierte Antwort ist: Zuerst kommen live bestätigte Server, dann die vertrauenswürdigere Quelle, dann implizites TLS vor STARTTLS vor keiner Verschlüsselung.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Transcript (passwords and AUTH data removed)</source>
        <translation>Protokoll (Passwörter und AUTH-Daten entfernt)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Servers tried</source>
        <translation>Versuchte Server</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Server</source>
        <translation>Server</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+24"/>
        <source>Port</source>
        <translation>Port</translation>
    </message>
    <message>
        <location line="-23"/>
        <source>Security</source>
        <translation>Verschlüsselung</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+22"/>
        <source>Live result</source>
        <translation>Live-Ergebnis</translation>
    </message>
    <message>
        <location line="-21"/>
        <source>Certificate</source>
        <translation>Zertifikat</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>answered</source>
        <translation>geantwortet</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>trusted</source>
        <translation>vertrauenswürdig</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>not trusted</source>
        <translation>nicht vertrauenswürdig</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Certificates</source>
        <translation>Zertifikate</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Subject</source>
        <translation>Inhaber</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Valid for</source>
        <translation>Gültig für</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Issuer</source>
        <translation>Aussteller</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Validity</source>
        <translation>Gültigkeit</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sources asked</source>
        <translation>Befragte Quellen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Source</source>
        <translation>Quelle</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Result</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Asked and answered</source>
        <translation>Gefragt und geantwortet</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This network</source>
        <translation>Dieses Netz</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Greeting</source>
        <translation>Begrüßung</translation>
    </message>
    <message>
        <location filename="../../wizard/reporting/sections.py" line="+1"/>
        <source>none given: SPF was not evaluated for a server</source>
        <translation>keiner angegeben: SPF wurde für keinen Server ausgewertet</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not every check finished within its time limit; the results are incomplete.</source>
        <translation>Nicht jede Prüfung wurde in ihrer Zeitgrenze fertig; die Ergebnisse sind unvollständig.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Checked in</source>
        <translation>Geprüft in</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Technical details</source>
        <translation>Technische Details</translation>
    </message>
    <message>
        <location filename="../../wizard/reporting/delivery.py" line="+12"/>
        <source>Arrived in your mailbox?</source>
        <translation>Im Postfach angekommen?</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../wizard/reporting/layout.py" line="-9"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Folder</source>
        <translation>Ordner</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../wizard/reporting/layout.py" line="+2"/>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Incoming server</source>
        <translation>Posteingangsserver</translation>
    </message>
    <message>
        <location filename="../../wizard/reporting/render.py" line="+21"/>
        <source>en</source>
        <translation>de</translation>
    </message>
</context>
<context>
    <name>ReportActions</name>
    <message>
        <location filename="../../wizard/gui/report_actions.py" line="+79"/>
        <source>Sa&amp;ve report…</source>
        <translation>Bericht speicher&amp;n …</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A diagnosis report for your helpdesk, without your password</source>
        <translation>Ein Diagnosebericht für Ihren Support, ohne Ihr Passwort</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cop&amp;y report</source>
        <translation>Bericht kop&amp;ieren</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>Preparing the report: checking the network and your domain (up to about 15 seconds)…</source>
        <translation>Der Bericht wird vorbereitet: Netz und Domain werden geprüft (bis zu etwa 15 Sekunden) …</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>The report could not be prepared: {error}</source>
        <translation>Der Bericht konnte nicht vorbereitet werden: {error}</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The report is on the clipboard, without your password: paste it into your ticket.</source>
        <translation>Der Bericht ist in der Zwischenablage, ohne Ihr Passwort: Fügen Sie ihn in Ihre Anfrage ein.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>The report was saved to {path} and opened in your browser.</source>
        <translation>Der Bericht wurde unter {path} gespeichert und im Browser geöffnet.</translation>
    </message>
</context>
<context>
    <name>ReportDialog</name>
    <message>
        <location line="+15"/>
        <source>Diagnosis report</source>
        <translation>Diagnosebericht</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Report preview</source>
        <translation>Vorschau des Berichts</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Hide the part of my address before the @</source>
        <translation>Den Teil meiner Adresse vor dem @ &amp;verbergen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>For posting the report in a public forum</source>
        <translation>Zum Veröffentlichen des Berichts in einem öffentlichen Forum</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Save and open…</source>
        <translation>&amp;Speichern und öffnen …</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Copy as &amp;text</source>
        <translation>Als Text &amp;kopieren</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>Save the report</source>
        <translation>Bericht speichern</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Web page (*.html)</source>
        <translation>Webseite (*.html)</translation>
    </message>
</context>
<context>
    <name>ResultCard</name>
    <message>
        <location filename="../../wizard/gui/result_card.py" line="+46"/>
        <source>Server: {host}, port {port}</source>
        <translation>Server: {host}, Port {port}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Encryption: {security}</source>
        <translation>Verschlüsselung: {security}</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>Your password and your mail will travel encrypted to your provider&apos;s server.</source>
        <translation>Ihr Passwort und Ihre E-Mails gehen verschlüsselt an den Server Ihres Anbieters.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Check these settings on the next page.</source>
        <translation>Prüfen Sie diese Einstellungen auf der nächsten Seite.</translation>
    </message>
</context>
<context>
    <name>SendPage</name>
    <message>
        <location filename="../../wizard/gui/pages/sending.py" line="+150"/>
        <source>Test</source>
        <translation>Test</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Log in and send a real test message, so you know it works.</source>
        <translation>Anmelden und eine echte Testnachricht senden, damit Sie wissen, dass es funktioniert.</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>Send &amp;to:</source>
        <translation>Senden &amp;an:</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Password:</source>
        <translation>&amp;Passwort:</translation>
    </message>
    <message>
        <location line="-32"/>
        <source>&amp;Send test message</source>
        <translation>&amp;Testnachricht senden</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel t&amp;est</source>
        <translation>Test a&amp;bbrechen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Steps of the test:</source>
        <translation>Schritte des Tests:</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Arrived in your mailbox</source>
        <translation>Im Postfach angekommen</translation>
    </message>
    <message>
        <location line="+200"/>
        <source>Stopping the wait…</source>
        <translation>Warten wird beendet …</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cancelling…</source>
        <translation>Wird abgebrochen …</translation>
    </message>
    <message>
        <location line="+20"/>
        <location line="+5"/>
        <source>working…</source>
        <translation>läuft …</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>skipped: no encryption</source>
        <translation>übersprungen: keine Verschlüsselung</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>done</source>
        <translation>erledigt</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>cancelled</source>
        <translation>abgebrochen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Test cancelled. Send it again, or go Back to the settings.</source>
        <translation>Test abgebrochen. Senden Sie erneut, oder gehen Sie mit „Zurück“ zu den Einstellungen.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>The server accepted the test message for {recipient}.</source>
        <translation>Der Server hat die Testnachricht für {recipient} angenommen.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The login worked with the username {username}.</source>
        <translation>Die Anmeldung hat mit dem Benutzernamen {username} funktioniert.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>looking for the incoming-mail server…</source>
        <translation>suche den Posteingangsserver …</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>waiting at {server}…</source>
        <translation>warte bei {server} …</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>could not be checked</source>
        <translation>ließ sich nicht prüfen</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>stopped</source>
        <translation>beendet</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Stopped waiting for the test message.</source>
        <translation>Das Warten auf die Testnachricht wurde beendet.</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>failed</source>
        <translation>fehlgeschlagen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>not reached</source>
        <translation>nicht erreicht</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The test did not go through.</source>
        <translation>Der Test ist nicht durchgegangen.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Use Back to change the settings.</source>
        <translation>Mit „Zurück“ können Sie die Einstellungen ändern.</translation>
    </message>
    <message>
        <location line="+62"/>
        <source>{step}: {status}</source>
        <translation>{step}: {status}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{step}. The server replied: {reply}</source>
        <translation>{step}. Der Server antwortete: {reply}</translation>
    </message>
    <message>
        <location line="-35"/>
        <source>The password has changed since the test: send the test message again.</source>
        <translation>Das Passwort wurde nach dem Test geändert: Senden Sie die Testnachricht erneut.</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <location filename="../../wizard/gui/pages/settings.py" line="+64"/>
        <source>Server settings</source>
        <translation>Servereinstellungen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check the outgoing-mail settings; you can change any of them.</source>
        <translation>Prüfen Sie die Einstellungen für den Postausgang; Sie können jede davon ändern.</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Other possibilities</source>
        <translation>Weitere Möglichkeiten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Technical details, for your helpdesk:</source>
        <translation>Technische Angaben für Ihren Support:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Details</source>
        <translation>&amp;Details</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Server:</source>
        <translation>&amp;Server:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>P&amp;ort:</source>
        <translation>P&amp;ort:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>En&amp;cryption:</source>
        <translation>&amp;Verschlüsselung:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Username:</source>
        <translation>&amp;Benutzername:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>S&amp;ign-in method:</source>
        <translation>&amp;Anmeldeverfahren:</translation>
    </message>
    <message>
        <location line="+88"/>
        <source>Enter the name of the outgoing-mail server (without spaces).</source>
        <translation>Geben Sie den Namen des Postausgangsservers ein (ohne Leerzeichen).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{danger}
To use this server anyway, tick “{agreement}”.</source>
        <translation>{danger}
Um diesen Server trotzdem zu verwenden, kreuzen Sie „{agreement}“ an.</translation>
    </message>
    <message>
        <location line="+92"/>
        <source>Empty: your email address is used.</source>
        <translation>Leer: Ihre E-Mail-Adresse wird verwendet.</translation>
    </message>
    <message>
        <location line="+143"/>
        <source>Not checked</source>
        <translation>Nicht geprüft</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Answered</source>
        <translation>Hat geantwortet</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Answered, certificate not confirmed</source>
        <translation>Hat geantwortet, Zertifikat nicht bestätigt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Did not answer</source>
        <translation>Hat nicht geantwortet</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{host}, port {port}, {security}: {origin} {checked}.</source>
        <translation>{host}, Port {port}, {security}: {origin} {checked}.</translation>
    </message>
    <message>
        <location line="-350"/>
        <source>Other &amp;possibilities:</source>
        <translation>Weitere &amp;Möglichkeiten:</translation>
    </message>
    <message>
        <location line="+258"/>
        <source>Entered by you.</source>
        <translation>Von Ihnen eingegeben.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>You chose to set up the account yourself: enter the settings your provider gives.</source>
        <translation>Sie richten das Konto selbst ein: Geben Sie die Einstellungen Ihres Anbieters ein.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The search was stopped before it found settings: enter the ones your provider gives.</source>
        <translation>Die Suche wurde angehalten, bevor sie Einstellungen fand: Geben Sie die Ihres Anbieters ein.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No settings were found: enter the ones your provider gives.</source>
        <translation>Es wurden keine Einstellungen gefunden: Geben Sie die Ihres Anbieters ein.</translation>
    </message>
    <message>
        <location line="+64"/>
        <source>Automatic (the best the server offers)</source>
        <translation>Automatisch (das beste, das der Server anbietet)</translation>
    </message>
</context>
<context>
    <name>SetupWizard</name>
    <message>
        <location filename="../../wizard/gui/wizard.py" line="+60"/>
        <source>Email Setup Wizard</source>
        <translation>E-Mail-Einrichtungsassistent</translation>
    </message>
    <message>
        <location line="+75"/>
        <source>Discard this account?</source>
        <translation>Dieses Konto verwerfen?</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The test went through, but the account is not saved yet. Close the wizard without saving it?</source>
        <translation>Der Test war erfolgreich, aber das Konto ist noch nicht gespeichert. Den Assistenten schließen, ohne es zu speichern?</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Discard the account</source>
        <translation>Konto &amp;verwerfen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Keep setting up</source>
        <translation>&amp;Weiter einrichten</translation>
    </message>
</context>
<context>
    <name>SignInPanel</name>
    <message>
        <location filename="../../wizard/gui/signin.py" line="+59"/>
        <source>Sign &amp;in</source>
        <translation>An&amp;melden</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Use a &amp;code instead</source>
        <translation>Stattdessen einen &amp;Code verwenden</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel si&amp;gn-in</source>
        <translation>Anmeldung abbrec&amp;hen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Use a pass&amp;word instead</source>
        <translation>Stattdessen Pa&amp;sswort verwenden</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Sign-in address:</source>
        <translation>Anmeldeadresse:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Code to enter:</source>
        <translation>Einzugebender Code:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>QR code of the sign-in address</source>
        <translation>QR-Code der Anmeldeadresse</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Copy QR code</source>
        <translation>QR-Code kopieren</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>Sign &amp;in with {provider}</source>
        <translation>Bei {provider} an&amp;melden</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Cancelling…</source>
        <translation>Wird abgebrochen…</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Asking for a code…</source>
        <translation>Ein Code wird angefordert…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Opening your browser…</source>
        <translation>Ihr Browser wird geöffnet…</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Finish signing in in your browser ({provider}). If no browser opened, open the address below.</source>
        <translation>Schließen Sie die Anmeldung in Ihrem Browser ab ({provider}). Wenn sich kein Browser geöffnet hat, öffnen Sie die Adresse unten.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{provider} does not allow reading your mailbox, so signing in again for sending only; arrival will not be checked.</source>
        <translation>{provider} erlaubt das Lesen Ihres Postfachs nicht; die Anmeldung wird nur für das Senden wiederholt, die Ankunft wird nicht geprüft.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>On any device, open the address below (or scan the QR code) and enter the code {code}.</source>
        <translation>Öffnen Sie auf einem beliebigen Gerät die Adresse unten (oder scannen Sie den QR-Code) und geben Sie den Code {code} ein.</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Signed in. Sending the test message…</source>
        <translation>Angemeldet. Die Testnachricht wird gesendet…</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Signing in was cancelled. Nothing was stored.</source>
        <translation>Die Anmeldung wurde abgebrochen. Nichts wurde gespeichert.</translation>
    </message>
</context>
<context>
    <name>UseElsewhere</name>
    <message>
        <location filename="../../wizard/gui/use_elsewhere.py" line="+47"/>
        <source>Use this account in…</source>
        <translation>Dieses Konto verwenden in …</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Other programs can send through this account too. None of these settings contains your password: it stays in the keychain.</source>
        <translation>Auch andere Programme können über dieses Konto senden. Keine dieser Einstellungen enthält Ihr Passwort: Es bleibt im Schlüsselbund.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Program:</source>
        <translation>&amp;Programm:</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&amp;Incoming (IMAP) server, port 993:</source>
        <translation>Pos&amp;teingangsserver (IMAP), Port 993:</translation>
    </message>
    <message>
        <location line="+97"/>
        <source>for example imap.example.com</source>
        <translation>zum Beispiel imap.example.com</translation>
    </message>
    <message>
        <location line="-93"/>
        <source>Settings for this p&amp;rogram:</source>
        <translation>Einstellungen für dieses P&amp;rogramm:</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>C&amp;opy settings</source>
        <translation>Einstellungen k&amp;opieren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save se&amp;ttings…</source>
        <translation>Einstellungen &amp;als Datei speichern …</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>msmtp</source>
        <translation>msmtp</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>git send-email</source>
        <translation>git send-email</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>mutt or neomutt</source>
        <translation>mutt oder neomutt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Thunderbird and others (autoconfig file)</source>
        <translation>Thunderbird und andere (Autoconfig-Datei)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>iPhone, iPad or Mac (Apple profile)</source>
        <translation>iPhone, iPad oder Mac (Apple-Profil)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A Python script</source>
        <translation>Ein Python-Skript</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>JSON (the saved settings)</source>
        <translation>JSON (die gespeicherten Einstellungen)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Add this to ~/.msmtprc (readable only by you). msmtp reads the password from the keychain each time it sends.</source>
        <translation>Fügen Sie dies in ~/.msmtprc ein (nur für Sie lesbar). msmtp liest das Passwort bei jedem Senden aus dem Schlüsselbund.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Run these commands once in a terminal; git send-email then sends through this program.</source>
        <translation>Führen Sie diese Befehle einmal in einem Terminal aus; git send-email sendet dann über dieses Programm.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Add these lines to your muttrc; mutt then sends through this program.</source>
        <translation>Fügen Sie diese Zeilen in Ihre muttrc ein; mutt sendet dann über dieses Programm.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Publish this file at https://autoconfig.{domain}/mail/config-v1.1.xml, and mail programs set up accounts of {domain} by themselves.</source>
        <translation>Veröffentlichen Sie diese Datei unter https://autoconfig.{domain}/mail/config-v1.1.xml, dann richten Mailprogramme Konten von {domain} von selbst ein.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Open this file on the iPhone, iPad or Mac; it asks for the password while it is installed.</source>
        <translation>Öffnen Sie diese Datei auf dem iPhone, iPad oder Mac; bei der Installation wird nach dem Passwort gefragt.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Run it with Python (pip install keyring); it reads the password from the keychain and sends you a message.</source>
        <translation>Führen Sie es mit Python aus (pip install keyring); es liest das Passwort aus dem Schlüsselbund und sendet Ihnen eine Nachricht.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The settings as this program saved them, for your tools.</source>
        <translation>Die Einstellungen, wie dieses Programm sie gespeichert hat, für Ihre eigenen Werkzeuge.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>{host}, port {port}, as the test found it</source>
        <translation>{host}, Port {port}, wie der Test ihn gefunden hat</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>An Apple profile must name the incoming (IMAP) server too: enter it above. Your provider&apos;s help pages name it.</source>
        <translation>Ein Apple-Profil muss auch den Posteingangsserver (IMAP) nennen: Geben Sie ihn oben ein. Die Hilfeseiten Ihres Anbieters nennen ihn.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Copied.</source>
        <translation>Kopiert.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Save the settings for {program}</source>
        <translation>Einstellungen für {program} speichern</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>The settings could not be saved in {path}: {reason}</source>
        <translation>Die Einstellungen konnten nicht in {path} gespeichert werden: {reason}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Saved in {path}.</source>
        <translation>Gespeichert in {path}.</translation>
    </message>
</context>
</TS>
