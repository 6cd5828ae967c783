"""Credential files and code idioms for `benchmarks/run accuracy`: whole realistic files.

Each generator writes one file the way its tool writes it (the tool's documented syntax:
.netrc, .pgpass, .git-credentials, .htpasswd, /etc/shadow, PuTTY .ppk, FileZilla XML, WinSCP.ini,
wp-config.php, Rails, Django, .npmrc, .pypirc, .s3cfg, Docker config.json, SQL dumps, Gradle,
.NET, PowerShell, SFTP client configs, kubeconfig, WireGuard, Vault init output, …) and returns
the secrets planted in it, each with the rule id we expect. DECOY_FILES are the same formats with
what must NOT be reported: placeholders, environment references, documented sample values.

Every value is generated at run time (no literal realistic secret in this file).
"""

from __future__ import annotations

import base64
import hashlib
import random
from dataclasses import dataclass, field
from typing import Callable

from accuracy_formats import expand, wireguard_key

CRYPT64 = "./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
DJANGO = "abcdefghijklmnopqrstuvwxyz0123456789!@#$%^&*(-_=+)"
WP_SALT = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789!@#$%^&*()-_ []{}<>~`+=,.;:/?|"


@dataclass
class Secret:
    """A planted secret: the rule we expect, the value, and other spellings of the same span."""
    type: str
    value: str
    alts: tuple[str, ...] = ()


@dataclass
class File:
    path: str
    text: str
    secrets: list[Secret] = field(default_factory=list)


def pick(rng: random.Random, alphabet: str, n: int) -> str:
    return "".join(rng.choice(alphabet) for _ in range(n))


def password(rng: random.Random, n: int = 16) -> str:
    """A generated password (letters, digits, one or two symbols a password manager uses)."""
    body = expand("{a:%d}" % (n - 2), rng)
    return body[:5] + rng.choice("!%*-_") + body[5:] + rng.choice("!%*-_.")


def b64(text: str) -> str:
    return base64.b64encode(text.encode()).decode()


def crypt(rng: random.Random, scheme: str) -> str:
    """A hash in the crypt(3) / PHC shape of `scheme` (random salt and digest, right lengths)."""
    if scheme == "6":
        return f"$6${pick(rng, CRYPT64, 16)}${pick(rng, CRYPT64, 86)}"
    if scheme == "5":
        return f"$5$rounds=5000${pick(rng, CRYPT64, 16)}${pick(rng, CRYPT64, 43)}"
    if scheme == "1":
        return f"$1${pick(rng, CRYPT64, 8)}${pick(rng, CRYPT64, 22)}"
    if scheme == "apr1":
        return f"$apr1${pick(rng, CRYPT64, 8)}${pick(rng, CRYPT64, 22)}"
    if scheme == "y":
        return f"$y$j9T${pick(rng, CRYPT64, 22)}${pick(rng, CRYPT64, 43)}"
    if scheme == "2y":
        return f"$2y$10${pick(rng, CRYPT64, 53)}"
    if scheme == "2b":
        return f"$2b$12${pick(rng, CRYPT64, 53)}"
    if scheme == "argon2id":
        salt = base64.b64encode(bytes(rng.getrandbits(8) for _ in range(16))).decode().rstrip("=")
        digest = base64.b64encode(bytes(rng.getrandbits(8) for _ in range(32))).decode().rstrip("=")
        return f"$argon2id$v=19$m=65536,t=3,p=4${salt}${digest}"
    if scheme == "scrypt":
        return f"$7$CU..../....{pick(rng, CRYPT64, 16)}${pick(rng, CRYPT64, 43)}"
    if scheme == "pbkdf2":
        return f"$pbkdf2-sha256$29000${pick(rng, CRYPT64, 22)}${pick(rng, CRYPT64, 43)}"
    raise ValueError(scheme)


def pem_private_key(rng: random.Random) -> str:
    """An EC private key PEM (random bytes in the SEC1 DER layout, 64-character lines)."""
    der = bytes.fromhex("30770201010420") + bytes(rng.getrandbits(8) for _ in range(32)) + \
        bytes.fromhex("a00a06082a8648ce3d030107a144034200") + b"\x04" + bytes(rng.getrandbits(8) for _ in range(64))
    body = base64.b64encode(der).decode()
    lines = [body[i:i + 64] for i in range(0, len(body), 64)]
    return "-----BEGIN EC PRIVATE KEY-----\n" + "\n".join(lines) + "\n-----END EC PRIVATE KEY-----\n"


# ---------------------------------------------------------------- the files (one function each)

def netrc(rng):
    pw, pw2 = password(rng), password(rng)
    return File(".netrc", f"machine api.acme.io\n  login deploy\n  password {pw}\n\nmachine uploads.acme.io login ci password {pw2}\n",
                [Secret("netrc-password", pw), Secret("netrc-password", pw2)])


def netrc_windows(rng):
    pw = password(rng)
    return File("home/_netrc", f"machine git.acme.io login ci-bot password {pw}\r\n", [Secret("netrc-password", pw)])


def pgpass(rng):
    pw = password(rng)
    return File(".pgpass", f"# hostname:port:database:username:password\ndb.acme.internal:5432:orders:orders_rw:{pw}\n",
                [Secret("pgpass-password", pw)])


def git_credentials(rng):
    pw = password(rng)
    return File(".git-credentials", f"https://ci-bot:{pw}@git.acme.io\n", [Secret("url-credentials", pw)])


def git_credential_helper(rng):
    pw = password(rng)
    return File("scripts/store-credential.sh",
                f"#!/bin/sh\ngit credential approve <<EOF\nprotocol=https\nhost=git.acme.io\nusername=ci-bot\npassword={pw}\nEOF\n",
                [Secret("git-credential-helper-password", pw)])


def htpasswd(rng):
    h1, h2 = crypt(rng, "apr1"), crypt(rng, "2y")
    return File("deploy/.htpasswd", f"admin:{h1}\nops:{h2}\n",
                [Secret("htpasswd-password-hash", h1, (h1[1:],)), Secret("htpasswd-password-hash", h2, (h2[1:],))])


def shadow(rng):
    h = crypt(rng, "6")
    y = crypt(rng, "y")
    text = (f"root:*:19700:0:99999:7:::\ndaemon:*:19700:0:99999:7:::\ndeploy:{h}:19710:0:99999:7:::\n"
            f"backup:{y}:19712:0:99999:7:::\n")
    return File("rootfs/etc/shadow", text,
                [Secret("shadow-password-hash", h, (h[1:],)), Secret("shadow-password-hash", y, (y[1:],))])


def password_hashes(rng):
    """A seed file with the hashes a web app stores (bcrypt, argon2, scrypt, PBKDF2, sha512-crypt)."""
    hashes = {"bcrypt-hash": crypt(rng, "2b"), "argon2-hash": crypt(rng, "argon2id"),
              "scrypt-hash": crypt(rng, "scrypt"), "pbkdf2-hash": crypt(rng, "pbkdf2"),
              "sha512-crypt-hash": crypt(rng, "6")}
    lines = [f"  - {{ email: user{i}@acme.io, password_hash: \"{h}\" }}" for i, h in enumerate(hashes.values())]
    secrets = []
    for t, h in hashes.items():
        alts = [h[1:]]
        if t == "scrypt-hash":
            alts.append(h[14:])  # the rule reports the salt and digest after $7$<parameters>
        secrets.append(Secret(t, h, tuple(alts)))
    return File("db/seeds/users.yml", "users:\n" + "\n".join(lines) + "\n", secrets)


def ppk(rng):
    pub = b64("\x00\x00\x00\x0bssh-ed25519\x00\x00\x00 " + pick(rng, "abcdefghijklmnop", 32))
    priv = base64.b64encode(b"\x00\x00\x00 " + bytes(rng.getrandbits(8) for _ in range(32))).decode()
    mac = expand("{h:64}", rng)
    block = (f"PuTTY-User-Key-File-3: ssh-ed25519\nEncryption: none\nComment: deploy@build-01\n"
             f"Public-Lines: 2\n{pub[:64]}\n{pub[64:]}\nPrivate-Lines: 1\n{priv}\nPrivate-MAC: {mac}")
    return File("keys/deploy.ppk", block + "\n", [Secret("putty-private-key", block)])


def ppk_encrypted(rng):
    pub = b64("\x00\x00\x00\x0bssh-ed25519\x00\x00\x00 " + pick(rng, "abcdefghijklmnop", 32))
    priv = base64.b64encode(bytes(rng.getrandbits(8) for _ in range(48))).decode()
    block = (f"PuTTY-User-Key-File-3: ssh-ed25519\nEncryption: aes256-cbc\nComment: ops@laptop\n"
             f"Public-Lines: 2\n{pub[:64]}\n{pub[64:]}\nKey-Derivation: Argon2id\nArgon2-Memory: 8192\n"
             f"Argon2-Passes: 13\nArgon2-Parallelism: 1\nArgon2-Salt: {expand('{h:32}', rng)}\n"
             f"Private-Lines: 1\n{priv}\nPrivate-MAC: {expand('{h:64}', rng)}")
    return File("keys/ops.ppk", block + "\n", [Secret("putty-private-key-encrypted", block)])


def alert_headers(rng):
    """HTTP APIs that take the key in a header (PagerDuty, Opsgenie, Splunk HEC), as curl calls."""
    pd, og, hec = expand("u+{B:18}", rng), expand("{uuid}", rng), expand("{uuid}", rng)
    text = ("#!/bin/sh\nset -eu\n"
            f"curl -s https://api.pagerduty.com/incidents -H 'Authorization: Token token={pd}' -H 'Accept: application/json'\n"
            f"curl -s -X POST https://api.opsgenie.com/v2/alerts -H \"Authorization: GenieKey {og}\" -d @alert.json\n"
            f"curl -s https://splunk.acme.io:8088/services/collector -H \"Authorization: Splunk {hec}\" -d '{{\"event\": \"deploy\"}}'\n")
    return File("ops/alert.sh", text, [Secret("pagerduty-api-key-header", pd), Secret("opsgenie-api-key-header", og),
                                       Secret("splunk-hec-token-header", hec)])


def filezilla(rng):
    pw = password(rng)
    text = ('<?xml version="1.0" encoding="UTF-8"?>\n<FileZilla3 version="3.66.5" platform="windows">\n'
            "  <Servers>\n    <Server>\n      <Host>ftp.acme.io</Host>\n      <Port>21</Port>\n"
            "      <Protocol>0</Protocol>\n      <Type>0</Type>\n      <User>deploy</User>\n"
            f'      <Pass encoding="base64">{b64(pw)}</Pass>\n      <Logontype>1</Logontype>\n'
            "      <Name>shop</Name>\n    </Server>\n  </Servers>\n</FileZilla3>\n")
    return File("FileZilla/sitemanager.xml", text, [Secret("filezilla-password", pw, (b64(pw),))])


def filezilla_recent(rng):
    pw = password(rng)
    text = ('<?xml version="1.0" encoding="UTF-8"?>\n<FileZilla3>\n  <RecentServers>\n    <Server>\n'
            "      <Host>sftp.acme.io</Host>\n      <Port>22</Port>\n      <Protocol>1</Protocol>\n"
            f'      <User>ops</User>\n      <Pass encoding="base64">{b64(pw)}</Pass>\n'
            "    </Server>\n  </RecentServers>\n</FileZilla3>\n")
    return File("FileZilla/recentservers.xml", text, [Secret("filezilla-password", pw, (b64(pw),))])


def winscp(rng):
    enc = "A3" + expand("{H:90}", rng)
    text = ("[Configuration]\nVersion=6.1.2\n\n[Sessions\\deploy@srv01.acme.io]\nHostName=srv01.acme.io\n"
            f"UserName=deploy\nPassword={enc}\nFSProtocol=2\n")
    return File("WinSCP.ini", text, [Secret("winscp-session-password", enc)])


def robo3t(rng):
    pw = password(rng)
    text = ('{\n  "connections": [{\n    "connectionName": "prod",\n    "serverHost": "mongo.acme.io",\n'
            '    "credentials": [{"databaseName": "admin", "enabled": true, "mechanism": "SCRAM-SHA-256",\n'
            f'      "userName": "root", "userPassword": "{pw}"}}]\n  }}]\n}}\n')
    return File(".3T/robo-3t/1.4.4/robo3t.json", text, [Secret("robo3t-password", pw)])


def jetbrains(rng):
    pw = password(rng)
    text = ('<?xml version="1.0" encoding="UTF-8"?>\n<project version="4">\n  <component name="DataSourceManagerImpl">\n'
            '    <data-source source="LOCAL" name="orders@db" uuid="0c7f5b3e-1a0e-4b0e-9a8c-4f1d2e3a5b6c">\n'
            "      <driver-ref>postgresql</driver-ref>\n"
            f"      <jdbc-url>jdbc:postgresql://db.acme.io:5432/orders?user=orders&amp;password={pw}</jdbc-url>\n"
            "    </data-source>\n  </component>\n</project>\n")
    return File(".idea/dataSources.xml", text, [Secret("jetbrains-datasource-url-password", pw)])


def wp_config(rng):
    pw = password(rng)
    names = ["AUTH_KEY", "SECURE_AUTH_KEY", "LOGGED_IN_KEY", "NONCE_KEY", "AUTH_SALT", "SECURE_AUTH_SALT",
             "LOGGED_IN_SALT", "NONCE_SALT"]
    salts = {n: pick(rng, WP_SALT, 64) for n in names}
    text = ("<?php\n/** The base configuration for WordPress */\n\ndefine( 'DB_NAME', 'wordpress' );\n"
            f"define( 'DB_USER', 'wp_user' );\ndefine( 'DB_PASSWORD', '{pw}' );\ndefine( 'DB_HOST', 'localhost' );\n\n"
            + "".join(f"define( '{n}', '{s}' );\n" for n, s in salts.items())
            + "\n$table_prefix = 'wp_';\n")
    return File("wp-config.php", text, [Secret("wordpress-db-password", pw)] +
                [Secret("wordpress-auth-key", s) for s in salts.values()])


def rails_master_key(rng):
    key = expand("{h:32}", rng)
    return File("config/master.key", key + "\n", [Secret("rails-master-key", key)])


def rails_secrets_yml(rng):
    key = expand("{h:128}", rng)
    return File("config/secrets.yml", f"development:\n  secret_key_base: <%= ENV['SECRET_KEY_BASE'] %>\n\nproduction:\n  secret_key_base: {key}\n",
                [Secret("rails-secret-key-base", key)])


def django_settings(rng):
    key = pick(rng, DJANGO, 50)
    text = ("from pathlib import Path\n\nBASE_DIR = Path(__file__).resolve().parent.parent\n\n"
            "# SECURITY WARNING: keep the secret key used in production secret!\n"
            f"SECRET_KEY = '{key}'\n\nDEBUG = False\nALLOWED_HOSTS = ['shop.acme.io']\n")
    return File("shop/settings.py", text, [Secret("django-secret-key", key)])


def django_insecure(rng):
    key = "django-insecure-" + pick(rng, DJANGO, 50)
    text = f"# Generated by 'django-admin startproject' using Django 5.0.\nSECRET_KEY = '{key}'\nDEBUG = True\n"
    return File("blog/settings.py", text, [Secret("django-insecure-secret-key", key)])


def npmrc(rng):
    token = expand("npm_{a:30}{crc}", rng)  # a valid npm token: npm-access-token reports it too
    basic = b64("deploy:" + password(rng))
    text = f"registry=https://registry.npmjs.org/\n//npm.acme.io/:_authToken={token}\n//nexus.acme.io/repository/npm/:_auth={basic}\nalways-auth=true\n"
    return File(".npmrc", text, [Secret("npmrc-auth-token", token), Secret("npmrc-auth-basic", basic)])


def npmrc_legacy(rng):
    token = expand("{uuid}", rng)
    return File("web/.npmrc", f"//registry.npmjs.org/:_authToken={token}\n", [Secret("npmrc-auth-token", token)])


def pypirc(rng):
    pw = password(rng)
    text = f"[distutils]\nindex-servers =\n    pypi\n    internal\n\n[pypi]\nusername = deployer\npassword = {pw}\n"
    return File(".pypirc", text, [Secret("pypirc-password", pw)])


def s3cfg(rng):
    secret = expand("{b:40}", rng)
    key = expand("AKIA{U:16}", rng)
    text = f"[default]\naccess_key = {key}\nsecret_key = {secret}\nhost_base = s3.amazonaws.com\nuse_https = True\n"
    return File(".s3cfg", text, [Secret("s3cmd-secret-key", secret), Secret("aws-access-key-id", key)])


def docker_config(rng):
    auth = b64("deploy:" + password(rng))
    text = ('{\n  "auths": {\n    "registry.acme.io": {\n      "auth": "' + auth + '"\n    }\n  },\n'
            '  "HttpHeaders": {"User-Agent": "Docker-Client/24.0.7 (linux)"}\n}\n')
    return File(".docker/config.json", text, [Secret("docker-config-auth", auth)])


def dockercfg(rng):
    auth = b64("ci:" + password(rng))
    text = '{"registry.acme.io": {"auth": "' + auth + '", "email": "ci@acme.io"}}\n'
    return File(".dockercfg", text, [Secret("docker-config-auth", auth)])


def sql_dump(rng):
    p1, p2 = password(rng), password(rng)
    native = "*" + expand("{H:40}", rng)
    text = ("-- MySQL dump 10.13  Distrib 8.0.36\n--\n-- Host: localhost    Database: orders\n\n"
            f"CREATE USER 'orders'@'%' IDENTIFIED BY '{p1}';\n"
            f"CREATE USER 'legacy'@'%' IDENTIFIED WITH 'mysql_native_password' AS '{native}';\n"
            "GRANT ALL PRIVILEGES ON orders.* TO 'orders'@'%';\n"
            f"ALTER USER reporting WITH PASSWORD '{p2}';\n")
    return File("db/dump.sql", text, [Secret("sql-identified-by-password", p1), Secret("mysql-native-password-hash", native),
                                       Secret("sql-user-password", p2)])


def postgres_dump(rng):
    salt = base64.b64encode(bytes(rng.getrandbits(8) for _ in range(16))).decode()
    stored = base64.b64encode(bytes(rng.getrandbits(8) for _ in range(32))).decode()
    server = base64.b64encode(bytes(rng.getrandbits(8) for _ in range(32))).decode()
    scram = f"SCRAM-SHA-256$4096:{salt}${stored}:{server}"
    text = ("--\n-- PostgreSQL database cluster dump\n--\n\nCREATE ROLE orders;\n"
            f"ALTER ROLE orders WITH NOSUPERUSER INHERIT LOGIN PASSWORD '{scram}';\n")
    return File("db/globals.sql", text, [Secret("postgres-password-hash", scram)])


def psexec(rng):
    pw = password(rng)
    return File("ops/restart.bat", f"@echo off\npsexec \\\\app01 -u CORP\\svc_deploy -p {pw} -accepteula cmd /c \"net stop shop\"\n",
                [Secret("psexec-password", pw)])


def gradle(rng):
    pw = password(rng)
    text = ("publishing {\n    repositories {\n        maven {\n            url = uri(\"https://nexus.acme.io/repository/releases/\")\n"
            f"            credentials {{\n                username = \"deployer\"\n                password = \"{pw}\"\n            }}\n"
            "        }\n    }\n}\n")
    return File("build.gradle.kts", text, [Secret("gradle-repository-credentials", pw)])


def dotnet(rng):
    p1, p2 = password(rng), password(rng)
    text = ("using System.DirectoryServices;\nusing System.Net;\n\nclass Sync {\n    static void Main() {\n"
            f"        var cred = new NetworkCredential(\"svc_sync\", \"{p1}\", \"CORP\");\n"
            f"        var root = new DirectoryEntry(\"LDAP://dc01.corp.acme.io\", \"CORP\\\\svc_ldap\", \"{p2}\");\n"
            "    }\n}\n")
    return File("Sync/Program.cs", text, [Secret("dotnet-network-credential", p1), Secret("dotnet-directory-entry-password", p2)])


def powershell(rng):
    p1, p2 = password(rng), password(rng)
    p3 = password(rng)
    text = (f"$secure = ConvertTo-SecureString \"{p1}\" -AsPlainText -Force\n"
            f"$backup = '{p3}' | ConvertTo-SecureString -AsPlainText -Force\n"
            "$cred = New-Object System.Management.Automation.PSCredential ('CORP\\svc', $secure)\n"
            f"Connect-VIServer -Server vcenter01.corp.acme.io -User administrator@vsphere.local -Password '{p2}'\n")
    return File("ops/connect.ps1", text, [Secret("powershell-securestring-plaintext", p1), Secret("vmware-powercli-password", p2),
                                          Secret("powershell-securestring-plaintext-piped", p3)])


def phpmailer(rng):
    pw = password(rng)
    text = ("<?php\nuse PHPMailer\\PHPMailer\\PHPMailer;\n\n$mail = new PHPMailer(true);\n$mail->isSMTP();\n"
            "$mail->Host       = 'smtp.acme.io';\n$mail->SMTPAuth   = true;\n$mail->Username   = 'noreply@acme.io';\n"
            f"$mail->Password   = '{pw}';\n$mail->Port       = 587;\n")
    return File("lib/mailer.php", text, [Secret("phpmailer-password", pw)])


def jwt_signing(rng):
    s1, s2 = password(rng, 24), password(rng, 24)
    text = ("const jwt = require('jsonwebtoken');\n\n"
            f"function issue(user) {{\n  return jwt.sign({{ sub: user.id }}, '{s1}', {{ expiresIn: '1h' }});\n}}\n")
    return [File("src/auth/issue.js", text, [Secret("jwt-signing-secret", s1)]),
            File("deploy/auth.env", f"JWT_SECRET={s2}\nJWT_TTL=3600\n", [Secret("jwt-secret-assignment", s2)])]


def sftp_configs(rng):
    p1, p2, p3 = password(rng), password(rng), password(rng)
    sublime = ('{\n    "type": "sftp",\n    "upload_on_save": true,\n    "host": "web01.acme.io",\n    "user": "deploy",\n'
               f'    "password": "{p1}",\n    "remote_path": "/var/www/shop/"\n}}\n')
    atom = f'{{\n    "protocol": "ftp",\n    "host": "ftp.acme.io",\n    "port": 21,\n    "user": "deploy",\n    "pass": "{p2}",\n    "remote": "/htdocs"\n}}\n'
    vscode = ('{\n    "name": "shop-prod",\n    "host": "web01.acme.io",\n    "protocol": "sftp",\n    "port": 22,\n'
              f'    "username": "deploy",\n    "password": "{p3}",\n    "remotePath": "/var/www/shop",\n    "uploadOnSave": true\n}}\n')
    return [File("sftp-config.json", sublime, [Secret("sftp-client-config-password", p1)]),
            File(".ftpconfig", atom, [Secret("sftp-client-config-password", p2)]),
            File(".vscode/sftp.json", vscode, [Secret("vscode-sftp-config-password", p3)])]


def kubeconfig(rng):
    token = expand("{B:40}.{B:60}", rng)
    pem = pem_private_key(rng)
    key_data = b64(pem)
    text = ("apiVersion: v1\nkind: Config\nclusters:\n- cluster:\n    server: https://k8s.acme.io:6443\n  name: prod\n"
            "contexts:\n- context:\n    cluster: prod\n    user: ci\n  name: prod\ncurrent-context: prod\n"
            "users:\n- name: ci\n  user:\n"
            f"    token: {token}\n- name: admin\n  user:\n    client-key-data: {key_data}\n")
    return File("kube/config", text, [Secret("kubeconfig-user-token", token), Secret("private-key-base64-pem", key_data, (pem.strip(),))])


def kubeadm_join(rng):
    token = expand("{l:6}.{l:16}", rng)
    text = (f"#!/bin/sh\nkubeadm join 10.0.0.10:6443 --token {token} \\\n"
            f"    --discovery-token-ca-cert-hash sha256:{expand('{h:64}', rng)}\n")
    return File("ops/join-node.sh", text, [Secret("kubernetes-bootstrap-token", token)])


def wireguard(rng):
    key, psk = wireguard_key(rng), wireguard_key(rng)
    text = (f"[Interface]\nAddress = 10.8.0.2/24\nPrivateKey = {key}\nDNS = 10.8.0.1\n\n[Peer]\n"
            f"PublicKey = {wireguard_key(rng)}\nPresharedKey = {psk}\nEndpoint = vpn.acme.io:51820\nAllowedIPs = 0.0.0.0/0\n")
    # The peer's public key is public by design: a report of it would be a false positive.
    return File("wireguard/wg0.conf", text, [Secret("wireguard-private-key", key), Secret("wireguard-preshared-key", psk)])


def vault_init(rng):
    shares = [base64.b64encode(bytes(rng.getrandbits(8) for _ in range(33))).decode() for _ in range(5)]
    root = expand("hvs.{a:24}", rng)  # base62, like every Vault token
    text = "".join(f"Unseal Key {i + 1}: {s}\n" for i, s in enumerate(shares)) + \
        f"\nInitial Root Token: {root}\n\nVault initialized with 5 key shares and a key threshold of 3.\n"
    # hvs. root tokens printed by `vault operator init` are 28 characters (hvs. + 24).
    return File("ops/vault-init.txt", text, [Secret("vault-unseal-key", s) for s in shares] +
                [Secret("vault-initial-root-token", root)])


def snowflake(rng):
    p1, p2, p3 = password(rng), password(rng), password(rng)
    snowsql = f"[connections]\naccountname = acme-xy12345\nusername = loader\npassword = {p1}\ndbname = analytics\n"
    dbt = ("analytics:\n  target: prod\n  outputs:\n    prod:\n      type: snowflake\n      account: acme-xy12345\n"
           f"      user: dbt\n      password: {p2}\n      role: transformer\n")
    code = ("import snowflake.connector\n\nconn = snowflake.connector.connect(\n    user='loader',\n"
            f"    password='{p3}',\n    account='acme-xy12345',\n)\n")
    return [File(".snowsql/config", snowsql, [Secret("snowflake-snowsql-config-password", p1)]),
            File("dbt/profiles.yml", dbt, [Secret("snowflake-dbt-profile-password", p2)]),
            File("etl/load.py", code, [Secret("snowflake-connector-password", p3)])]


def geoip_conf(rng):
    key = expand("{a:16}", rng)
    return File("etc/GeoIP.conf", f"# GeoIP.conf file for geoipupdate\nAccountID 123456\nLicenseKey {key}\nEditionIDs GeoLite2-City\n",
                [Secret("maxmind-legacy-license-key", key)])


def yarnrc(rng):
    ident = b64("deploy:" + password(rng))
    return File(".yarnrc.yml", f'npmRegistryServer: "https://npm.acme.io"\nnpmAuthIdent: "{ident}"\n',
                [Secret("yarnrc-npm-auth-ident", ident)])


def database_urls(rng):
    p1, p2, p3 = password(rng), password(rng), password(rng)
    text = (f"DATABASE_URL=postgres://orders:{p1}@db.acme.io:5432/orders\n"
            f"MONGO_URL=mongodb+srv://app:{p2}@cluster0.acme.mongodb.net/shop\n"
            f"REDIS_URL=redis://default:{p3}@cache.acme.io:6379/0\n")
    return File("deploy/.env.production", text, [Secret("postgres-url-password", p1), Secret("mongodb-url-password", p2),
                                                  Secret("redis-url-password", p3)])


def private_key_pem(rng):
    pem = pem_private_key(rng)
    return File("keys/server.key", pem, [Secret("private-key-ec", pem.strip())])


FILES: list[Callable[[random.Random], File | list[File]]] = [
    netrc, netrc_windows, pgpass, git_credentials, git_credential_helper, htpasswd, shadow, password_hashes,
    ppk, ppk_encrypted, alert_headers, filezilla, filezilla_recent, winscp, robo3t, jetbrains, wp_config, rails_master_key, rails_secrets_yml,
    django_settings, django_insecure, npmrc, npmrc_legacy, pypirc, s3cfg, docker_config, dockercfg, sql_dump, postgres_dump,
    psexec, gradle, dotnet, powershell, phpmailer, jwt_signing, sftp_configs, kubeconfig, kubeadm_join,
    wireguard, vault_init, snowflake, geoip_conf, yarnrc, database_urls, private_key_pem,
]


# ---------------------------------------------------------------- decoys in the same formats

def jwt_io_sample() -> str:
    """jwt.io's documented sample token (HS256, "John Doe"), assembled from its parts."""
    head = base64.urlsafe_b64encode(b'{"alg":"HS256","typ":"JWT"}').decode().rstrip("=")
    body = base64.urlsafe_b64encode(b'{"sub":"1234567890","name":"John Doe","iat":1516239022}').decode().rstrip("=")
    return head + "." + body + "." + "SflKxwRJSMeKKF2QT4fwpMeJf36" + "POk6yJV_adQssw5c"


def decoy_files() -> list[tuple[str, str, str]]:
    """(kind, path, text): files that hold no secret a reviewer would want reported."""
    aws_id = "AKIAIOSFODNN7" + "EXAMPLE"
    aws_secret = "wJalrXUtnFEMI/K7MDENG/" + "bPxRfiCYEXAMPLEKEY"
    return [
        ("placeholder", "decoys/files/.netrc", "machine api.acme.io\n  login deploy\n  password ${NETRC_PASSWORD}\n"),
        ("placeholder", "decoys/files/.pgpass", "# hostname:port:database:username:password\nlocalhost:5432:*:postgres:postgres\n"),
        ("placeholder", "decoys/files/wp-config-sample.php",
         "<?php\ndefine( 'DB_PASSWORD', 'password_here' );\n"
         "define( 'AUTH_KEY',         'put your unique phrase here' );\ndefine( 'NONCE_SALT',       'put your unique phrase here' );\n"),
        ("placeholder", "decoys/files/settings.py", "import os\n\nSECRET_KEY = os.environ['DJANGO_SECRET_KEY']\n"),
        ("placeholder", "decoys/files/docker-config.json", '{\n  "auths": {\n    "https://index.docker.io/v1/": {}\n  },\n  "credsStore": "desktop"\n}\n'),
        ("placeholder", "decoys/files/kubeconfig",
         "apiVersion: v1\nkind: Config\nusers:\n- name: ci\n  user:\n    exec:\n      apiVersion: client.authentication.k8s.io/v1beta1\n      command: aws\n      args: [eks, get-token, --cluster-name, prod]\n"),
        ("placeholder", "decoys/files/.pypirc", "[pypi]\nusername = __token__\npassword = <your PyPI token>\n"),
        ("placeholder", "decoys/files/.npmrc", "//registry.npmjs.org/:_authToken=${NPM_TOKEN}\n"),
        ("placeholder", "decoys/files/sftp-config.json", '{\n    "type": "sftp",\n    "host": "example.com",\n    "user": "username",\n    "password": "password",\n    "remote_path": "/example/path/"\n}\n'),
        ("placeholder", "decoys/files/init.sql", "CREATE USER 'app'@'%' IDENTIFIED BY '${APP_DB_PASSWORD}';\n"),
        ("placeholder", "decoys/files/connect.ps1", "$secure = Read-Host -AsSecureString\nConnect-VIServer -Server $vc -User $user -Password $password\n"),
        ("documented-example", "decoys/files/.s3cfg", f"[default]\naccess_key = {aws_id}\nsecret_key = {aws_secret}\n"),
        ("documented-example", "decoys/files/jwt-sample.md", f"Paste a token such as `{jwt_io_sample()}` into the debugger.\n"),
        ("public", "decoys/files/wg0-peer.conf", "[Peer]\nPublicKey = " + base64.b64encode(hashlib.sha256(b"peer").digest()).decode() + "\nAllowedIPs = 10.8.0.0/24\n"),
        ("hash", "decoys/files/package-lock.json",
         '{\n  "packages": {\n    "node_modules/left-pad": {\n      "version": "1.3.0",\n      "integrity": "sha512-'
         + base64.b64encode(hashlib.sha512(b"left-pad").digest()).decode() + '"\n    }\n  }\n}\n'),
        ("hash", "decoys/files/SHA256SUMS", hashlib.sha256(b"release").hexdigest() + "  keyhound-linux-x86_64.tar.gz\n"),
    ]
