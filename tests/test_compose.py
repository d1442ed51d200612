"""docker-compose.yml, the Dockerfile and .env.example, checked against the settings.

No Docker engine runs on these machines, so the files are read, not run: the
services and their images, health checks and start order, and above all that
every environment variable the containers get is one the settings read (a
misspelt name would be silently ignored by Django) and that every variable the
settings read is documented in .env.example. The image must ship what the
tests ran: the pinned run-time requirements only, and every message catalogue
compiled by the script `make messages` runs (which is run here for real).
"""

import gettext
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent
COMPILE_SCRIPT = "scripts/compile_messages.py"
# Tests and tooling: in requirements/dev.txt, never in the image.
DEV_ONLY = {"pytest", "pytest-django", "factory-boy", "faker", "playwright", "pyyaml", "ruff", "import-linter",
            "pip-tools"}

SERVICES = {"web", "worker", "beat", "postgres", "redis", "elasticsearch", "mailpit"}
# Jobs that run once and exit: started before the app, no health check.
ONE_SHOT = {"migrate"}
APP_SERVICES = ("web", "worker", "beat")
# Django itself reads this one, not the settings.
NOT_A_SETTING = {"DJANGO_SETTINGS_MODULE"}
REQUIRED_ENV = {
    "DATABASE_URL", "REDIS_URL", "ELASTICSEARCH_URL", "SECRET_KEY", "ALLOWED_HOSTS", "EMAIL_HOST", "EMAIL_PORT",
}

# os.environ.get("X"), os.environ["X"], os.getenv("X"), env_list("X"), env_bool("X"),
# and dj_database_url.config(env="X").
ENV_READ = re.compile(
    r"""(?:os\.environ\.get\(|os\.getenv\(|os\.environ\[|\benv_list\(|\benv_bool\(|\benv=)\s*["']([A-Z][A-Z0-9_]*)["']"""
)
# ${NAME}, ${NAME:-default}, ${NAME-default}, ${NAME:?message}, ${NAME?message}
INTERPOLATION = re.compile(r"\$\{([A-Z_][A-Z0-9_]*)(?:(:?[-?])([^}]*))?\}")
SECRET_NAME = re.compile(r"SECRET|PASSWORD|TOKEN|API_KEY")


def settings_env_names():
    names = set()
    for path in sorted((ROOT / "portal" / "settings").glob("*.py")):
        if path.name == "test.py":  # knobs of the test suite itself, not for operators
            continue
        names |= set(ENV_READ.findall(path.read_text(encoding="utf-8")))
    return names


def environment_of(service):
    env = service.get("environment") or {}
    if isinstance(env, list):  # the KEY=value list form
        env = dict(item.split("=", 1) if "=" in item else (item, None) for item in env)
    return {key: ("" if value is None else str(value)) for key, value in env.items()}


def resolve(value):
    """The value compose would produce with no .env: defaults filled in, and a
    placeholder where a variable is required."""

    def substitute(match):
        _name, operator, argument = match.groups()
        if operator in (":-", "-"):
            return argument
        return "set-by-env"

    return INTERPOLATION.sub(substitute, value)


def depends_on(service):
    deps = service.get("depends_on") or {}
    if isinstance(deps, list):  # the short form has no conditions at all
        return dict.fromkeys(deps, "service_started")
    return {name: (spec or {}).get("condition", "service_started") for name, spec in deps.items()}


def container_ports(service):
    ports = set()
    for port in service.get("ports") or []:
        if isinstance(port, dict):
            ports.add(int(port["target"]))
        else:
            ports.add(int(str(port).split("/")[0].rsplit(":", 1)[-1]))
    return ports


def command_words(service):
    command = service.get("command") or []
    return command.split() if isinstance(command, str) else [str(word) for word in command]


@pytest.fixture(scope="module")
def compose_text():
    return (ROOT / "docker-compose.yml").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def services(compose_text):
    return yaml.safe_load(compose_text)["services"]


@pytest.fixture(scope="module")
def settings_names():
    names = settings_env_names()
    # Guards the scan itself: a broken pattern would make the checks below vacuous.
    assert {"DATABASE_URL", "REDIS_URL", "SECRET_KEY", "ALLOWED_HOSTS", "EMAIL_USE_TLS"} <= names, names
    return names


def test_the_seven_services_and_the_migration_job(services):
    assert set(services) == SERVICES | ONE_SHOT


def test_app_services_are_built_from_the_dockerfile(services):
    for name in (*APP_SERVICES, *ONE_SHOT):
        build = services[name].get("build")
        assert build, f"{name} is not built from the Dockerfile"
        context = build if isinstance(build, str) else build.get("context", ".")
        dockerfile = "Dockerfile" if isinstance(build, str) else build.get("dockerfile", "Dockerfile")
        assert (context, dockerfile) == (".", "Dockerfile"), name
    assert len({services[name].get("image") for name in (*APP_SERVICES, *ONE_SHOT)}) == 1, "one image for all four"


def test_backing_services_use_the_intended_images(services):
    assert services["postgres"]["image"] == "postgres:16"
    assert services["redis"]["image"] == "redis:7"
    elasticsearch = services["elasticsearch"]["image"]
    assert re.fullmatch(r"docker\.elastic\.co/elasticsearch/elasticsearch:9\.\d+\.\d+", elasticsearch)
    assert services["mailpit"]["image"].split(":")[0] == "axllent/mailpit"
    for name in ("postgres", "redis", "elasticsearch", "mailpit"):
        assert "build" not in services[name], name


def test_elasticsearch_is_a_local_single_node_with_a_bounded_heap(services):
    env = environment_of(services["elasticsearch"])
    assert env["discovery.type"] == "single-node"
    assert env["xpack.security.enabled"] == "false"
    assert re.search(r"-Xms\d+[mg]", env["ES_JAVA_OPTS"]) and re.search(r"-Xmx\d+[mg]", env["ES_JAVA_OPTS"])


def test_every_long_running_service_has_a_health_check(services):
    for name in SERVICES:
        check = services[name].get("healthcheck")
        assert check and check.get("test") and not check.get("disable"), f"{name} has no health check"
        if isinstance(check["test"], list):
            assert check["test"][0] in ("CMD", "CMD-SHELL"), f"{name}: {check['test'][0]} is not a check"


def test_the_migration_job_runs_once_before_the_app(services):
    job = services["migrate"]
    assert command_words(job)[-2:] == ["migrate", "--noinput"]
    assert str(job.get("restart", "no")) == "no"
    assert depends_on(job) == {"postgres": "service_healthy"}


def test_app_services_wait_for_healthy_dependencies(services):
    for name in APP_SERVICES:
        deps = depends_on(services[name])
        assert deps.get("postgres") == "service_healthy", name
        assert deps.get("redis") == "service_healthy", name
        assert deps.get("migrate") == "service_completed_successfully", name
    assert depends_on(services["web"]).get("elasticsearch") == "service_healthy"


def test_web_serves_gunicorn_on_port_8000(services):
    web = services["web"]
    assert 8000 in container_ports(web)
    words = command_words(web)
    assert words[:2] == ["gunicorn", "portal.wsgi:application"]
    assert "--bind=0.0.0.0:8000" in words or ("--bind" in words and "0.0.0.0:8000" in words)


def test_worker_and_beat_run_celery(services):
    assert command_words(services["worker"])[:4] == ["celery", "-A", "portal", "worker"]
    beat = command_words(services["beat"])
    assert beat[:4] == ["celery", "-A", "portal", "beat"]
    # The app user cannot write to /app, and run state does not belong there.
    assert any(word.startswith("--schedule=/tmp/") for word in beat), beat


def test_app_environment_only_names_what_the_settings_read(services, settings_names):
    envs = {name: environment_of(services[name]) for name in APP_SERVICES}
    assert envs["web"] == envs["worker"] == envs["beat"], "web, worker and beat share one environment"
    keys = set(envs["web"])
    unknown = keys - settings_names - NOT_A_SETTING
    assert not unknown, f"names no setting reads (misspelt?): {sorted(unknown)}"
    assert REQUIRED_ENV <= keys, sorted(REQUIRED_ENV - keys)
    assert environment_of(services["migrate"]) == envs["web"]


def test_app_environment_points_at_the_compose_services(services):
    env = {key: resolve(value) for key, value in environment_of(services["web"]).items()}
    assert env["DJANGO_SETTINGS_MODULE"] == "portal.settings.production"
    database = urlsplit(env["DATABASE_URL"])
    assert database.scheme in ("postgres", "postgresql") and database.hostname == "postgres"
    postgres_env = environment_of(services["postgres"])
    assert database.path.lstrip("/") == postgres_env["POSTGRES_DB"]
    assert database.username == postgres_env["POSTGRES_USER"]
    assert urlsplit(env["REDIS_URL"]).hostname == "redis"
    assert urlsplit(env["ELASTICSEARCH_URL"]).hostname == "elasticsearch"
    assert env["EMAIL_HOST"] == "mailpit"
    assert env["EMAIL_PORT"] == "1025"


def test_no_secret_is_written_in_the_compose_file(services, compose_text):
    env = environment_of(services["web"])
    assert re.fullmatch(r"\$\{SECRET_KEY:\?[^}]+\}", env["SECRET_KEY"]), "SECRET_KEY must be required from .env"
    for name, service in services.items():
        for key, value in environment_of(service).items():
            if SECRET_NAME.search(key):
                match = INTERPOLATION.fullmatch(value)
                assert match, f"{name}: {key} holds a literal value"
                operator, argument = match.group(2), match.group(3)
                assert operator in (":?", "?") or not argument, f"{name}: {key} has a literal default"
            password = urlsplit(value).password if "://" in value else None
            if password:
                assert INTERPOLATION.fullmatch(password), f"{name}: {key} has a literal password"
    assert "not-secret" not in compose_text and "django-insecure" not in compose_text


def test_named_volumes_are_declared(compose_text, services):
    declared = set(yaml.safe_load(compose_text).get("volumes") or {})
    for name, service in services.items():
        for volume in service.get("volumes") or []:
            source = volume.split(":")[0] if isinstance(volume, str) else volume.get("source")
            if source and not source.startswith((".", "/", "~")):
                assert source in declared, f"{name} mounts undeclared volume {source}"


def env_example_names(active_only=False):
    text = (ROOT / ".env.example").read_text(encoding="utf-8")
    pattern = r"^([A-Z][A-Z0-9_]*)=" if active_only else r"^(?:#\s*)?([A-Z][A-Z0-9_]*)="
    return set(re.findall(pattern, text, flags=re.MULTILINE))


def test_env_example_documents_every_variable_the_settings_read(settings_names):
    missing = settings_names - env_example_names()
    assert not missing, f"add to .env.example: {sorted(missing)}"


def test_env_example_sets_what_compose_requires(compose_text):
    required = {name for name, operator, _ in INTERPOLATION.findall(compose_text) if operator in (":?", "?")}
    assert {"SECRET_KEY", "POSTGRES_PASSWORD"} <= required
    assert required <= env_example_names(active_only=True)


def test_env_example_secret_key_is_refused_by_production():
    text = (ROOT / ".env.example").read_text(encoding="utf-8")
    placeholder = re.search(r"^SECRET_KEY=(.*)$", text, flags=re.MULTILINE).group(1)
    # Production demands 50+ characters: a copied placeholder must not pass.
    assert len(placeholder) < 50


def dockerfile_instructions():
    text = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    logical, current = [], ""
    for line in text.splitlines():
        if line.lstrip().startswith("#") or not line.strip():
            continue  # comments may sit between continued lines too
        current += line.rstrip()
        if current.endswith("\\"):
            current = current[:-1] + " "
            continue
        keyword, _, rest = current.strip().partition(" ")
        logical.append((keyword.upper(), rest.strip()))
        current = ""
    return logical


def test_dockerfile_builds_a_non_root_gunicorn_image():
    instructions = dockerfile_instructions()
    keywords = [keyword for keyword, _ in instructions]
    assert instructions[0] == ("FROM", "python:3.11-slim")
    users = [rest for keyword, rest in instructions if keyword == "USER"]
    assert users and users[-1].split(":")[0] not in ("root", "0"), "the image must run as a non-root user"
    assert ("EXPOSE", "8000") in instructions
    cmd = [rest for keyword, rest in instructions if keyword == "CMD"][-1]
    assert cmd.startswith("["), "exec form, so that gunicorn is PID 1 and gets the stop signal"
    assert json.loads(cmd)[:2] == ["gunicorn", "portal.wsgi:application"]
    runs = " ".join(rest for keyword, rest in instructions if keyword == "RUN")
    assert "pip install -r requirements/base.txt" in runs
    assert f"python {COMPILE_SCRIPT}" in runs
    assert "collectstatic --noinput" in runs
    # Build steps run before the switch to the app user; only runtime runs as it.
    assert keywords.index("USER") > max(i for i, keyword in enumerate(keywords) if keyword == "RUN")
    env = " ".join(rest for keyword, rest in instructions if keyword == "ENV")
    assert "DJANGO_SETTINGS_MODULE=portal.settings.production" in env
    assert "SECRET_KEY" not in env, "a build-time SECRET_KEY must not stay in the image's environment"


def test_dockerignore_keeps_local_state_out_of_the_image():
    ignored = {
        line.strip() for line in (ROOT / ".dockerignore").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    }
    for entry in (".git", ".venv", ".env", "db.sqlite3", "media", "private_media", "staticfiles",
                  ".test-media", "**/__pycache__"):
        assert entry in ignored, entry


def test_stack_script_is_an_executable_bash_script():
    script = ROOT / "scripts" / "stack.sh"
    assert os.access(script, os.X_OK)
    assert script.read_text(encoding="utf-8").startswith("#!/usr/bin/env bash\n")


def makefile_recipe(target):
    """The recipe lines of a Makefile rule, and its prerequisites."""
    text = (ROOT / "Makefile").read_text(encoding="utf-8")
    match = re.search(rf"^{re.escape(target)}:(.*)\n((?:\t.*\n)*)", text, flags=re.MULTILINE)
    assert match, f"no rule for {target} in the Makefile"
    return match.group(1).split(), [line.strip() for line in match.group(2).splitlines()]


def pins(name):
    """{normalised package name: version} of a compiled requirements file; every entry must be pinned."""
    found = {}
    for line in (ROOT / "requirements" / name).read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        match = re.fullmatch(r"([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;]+)", line)
        assert match, f"{name}: not a pin: {line!r}"
        found[re.sub(r"[-_.]+", "-", match.group(1)).lower()] = match.group(2)
    return found


def test_the_image_installs_only_the_pinned_run_time_requirements():
    instructions = dockerfile_instructions()
    installs = [rest for keyword, rest in instructions if keyword == "RUN" and "pip install" in rest]
    assert installs == ["pip install -r requirements/base.txt"]
    copied = [rest.split()[0] for keyword, rest in instructions if keyword == "COPY"]
    assert copied[0] == "requirements/base.txt", "the pins are copied (and installed) before the code"
    base, dev = pins("base.txt"), pins("dev.txt")
    assert {"django", "wagtail", "celery", "gunicorn", "babel"} <= set(base)
    assert not DEV_ONLY & set(base), sorted(DEV_ONLY & set(base))
    assert DEV_ONLY <= set(dev), sorted(DEV_ONLY - set(dev))
    # dev.in is constrained by base.txt: a package both sets need has one version.
    assert {name: dev[name] for name in set(base) & set(dev)} == {name: base[name] for name in set(base) & set(dev)}
    assert "-c base.txt" in (ROOT / "requirements" / "dev.in").read_text(encoding="utf-8").splitlines()


def test_make_venv_installs_both_pinned_sets():
    prerequisites, recipe = makefile_recipe("$(BIN)/.installed")
    assert set(prerequisites) == {"requirements/base.txt", "requirements/dev.txt"}
    assert "$(BIN)/pip install --quiet -r requirements/base.txt -r requirements/dev.txt" in recipe


def test_the_image_and_make_messages_compile_with_the_same_script():
    instructions = dockerfile_instructions()
    assert makefile_recipe("messages")[1] == [f"$(BIN)/python {COMPILE_SCRIPT}"]
    compile_step = instructions.index(("RUN", f"python {COMPILE_SCRIPT}"))
    assert instructions.index(("COPY", ". .")) < compile_step, "the catalogues are copied before they are compiled"
    for name in ("Dockerfile", "Makefile"):
        assert "pybabel" not in (ROOT / name).read_text(encoding="utf-8"), f"{name} has a second way to compile"


def compile_messages(*args):
    return subprocess.run([sys.executable, COMPILE_SCRIPT, *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=120)


def test_the_compile_script_compiles_every_catalogue_in_the_repo(tmp_path):
    tracked = subprocess.run(["git", "ls-files", "*.po"], cwd=ROOT, capture_output=True, text=True, check=True)
    catalogues = [Path(line) for line in tracked.stdout.split()]
    assert Path("locale/zh_Hans/LC_MESSAGES/django.po") in catalogues
    assert Path("courses/locale/zh_Hans/LC_MESSAGES/django.po") in catalogues

    result = compile_messages("--output-dir", str(tmp_path))

    assert result.returncode == 0, result.stderr
    assert sorted(path.relative_to(tmp_path) for path in tmp_path.rglob("*.mo")) == sorted(
        path.with_suffix(".mo") for path in catalogues)
    for po in catalogues:
        with (ROOT / po).open("rb") as handle:
            catalogue = read_po(handle)
        with (tmp_path / po.with_suffix(".mo")).open("rb") as handle:
            compiled = gettext.GNUTranslations(handle)
        for message in list(catalogue)[1:]:
            strings = message.string if message.pluralizable else (message.string,)
            if message.fuzzy or not all(strings):
                continue  # gettext falls back to the English source for these
            assert translated(compiled, message) == strings[0], f"{po}: {message.id!r}"


def translated(compiled, message):
    """What a compiled catalogue answers for a message (its singular form)."""
    if message.pluralizable:
        if message.context:
            return compiled.npgettext(message.context, *message.id, 1)
        return compiled.ngettext(*message.id, 1)
    if message.context:
        return compiled.pgettext(message.context, message.id)
    return compiled.gettext(message.id)


def test_the_compile_script_fails_loudly_on_a_broken_catalogue(tmp_path):
    header = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=utf-8\\n"\n\n'
    catalogues = {
        "good": header + 'msgid "Courses"\nmsgstr "课程"\n',
        "placeholder": header + 'msgid "Hello %(name)s"\nmsgstr "你好 %(nom)s"\n',
        "unterminated": header + 'msgid "Jobs"\nmsgstr "职位\n',
        "fuzzy": "#, fuzzy\n" + header + 'msgid "News"\nmsgstr "新闻"\n',
    }
    for app, text in catalogues.items():
        po = tmp_path / "src" / app / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"
        po.parent.mkdir(parents=True)
        po.write_text(text, encoding="utf-8")

    result = compile_messages("--root", str(tmp_path / "src"), "--output-dir", str(tmp_path / "out"))

    assert result.returncode != 0
    for app in ("placeholder", "unterminated", "fuzzy"):
        assert f"{app}/locale/zh_Hans/LC_MESSAGES/django.po" in result.stderr, (app, result.stderr)
    built = sorted(path.relative_to(tmp_path / "out").parts[0] for path in (tmp_path / "out").rglob("*.mo"))
    assert built == ["good"], "nothing is written for a broken catalogue"
