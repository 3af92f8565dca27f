# What lava-deployment-tool asks of a LAVA instance's own models, in one start of Django
# (`lava-server manage shell -c`, as the instance's user, with the instance's settings).
# The request is one JSON object on standard input, because it may carry a token, which must be
# in no argument list and no log. The answer is one JSON object on standard output, holding no
# secret; a refusal is {"error": "...", "refused": true} with exit status 3.
import json
import sys

import jinja2
import yaml
from django.contrib.auth.models import User
from django.db import transaction

from lava_scheduler_app import environment
from lava_scheduler_app.models import Device, DeviceType, Worker
from lava_scheduler_app.schema import SubmissionException, validate_device
from lava_server.files import File
from linaro_django_xmlrpc.models import AuthToken

REASON = "lava-deployment-tool"


def answer(**fields):
    print(json.dumps(fields))


def refuse(message):
    answer(error=message, refused=True)
    sys.exit(3)


def worker_register(request):
    """The worker exists, active, with the token the tool keeps for it (a clone's gets its own)."""
    worker, created = Worker.objects.select_for_update().get_or_create(
        hostname=request["name"], defaults={"description": request.get("description", "")}
    )
    worker.token = request["token"]
    if worker.health != Worker.HEALTH_ACTIVE:
        worker.go_health_active(None, REASON)
    worker.save()
    # LAVA's migrations create a worker example.com that never runs: retired, unless someone used it
    placeholder = Worker.objects.filter(hostname="example.com", version__isnull=True, health=Worker.HEALTH_ACTIVE)
    for unused in placeholder.select_for_update():
        if not unused.device_set.exists():
            unused.go_health_retired(None, "%s: a placeholder, no worker runs under that name" % REASON)
            unused.save()
    answer(created=created)


def worker_retire(request):
    """Retired, not deleted: the jobs it ran keep their history."""
    worker = Worker.objects.select_for_update().filter(hostname=request["name"]).first()
    if worker is None:
        answer(retired=False)
        return
    if worker.health != Worker.HEALTH_RETIRED:
        worker.go_health_retired(None, REASON)
    # a copy's record of another instance's worker: nothing of this instance runs it
    worker.go_state_offline()
    worker.save()
    answer(retired=True)


def worker_forget(request):
    """The undo of a registration: gone when nothing refers to it, else retired."""
    worker = Worker.objects.select_for_update().filter(hostname=request["name"]).first()
    if worker is None:
        answer(deleted=False)
    elif worker.device_set.exists():
        worker.go_health_retired(None, REASON)
        worker.save()
        answer(deleted=False, retired=True)
    else:
        worker.delete()
        answer(deleted=True)


def devices_move(request):
    """The devices of one worker go to another (a restored copy's devices to its own worker)."""
    target = Worker.objects.get(hostname=request["to"])
    moved = Device.objects.filter(worker_host__hostname=request["from"]).update(worker_host=target)
    answer(moved=moved)


def device_type_template(name):
    if not File("device-type", name).exists():
        refuse(
            "unknown device type '%s': no %s.jinja2 among the instance's device-type templates"
            " (etc/dispatcher-config/device-types, then the release's)" % (name, name)
        )


def device_check(request):
    """The dictionary renders with LAVA's own templates into a configuration LAVA accepts."""
    device_type_template(request["type"])
    text = request["dictionary"]
    env = environment.devices()
    try:
        extends = [node.template.value for node in env.parse(text).find_all(jinja2.nodes.Extends)]
        if extends != ["%s.jinja2" % request["type"]]:
            refuse(
                "the dictionary of %s extends %s, not %s.jinja2 (its --type)"
                % (request["hostname"], " and ".join(extends) or "no template", request["type"])
            )
        rendered = env.from_string(text).render()
        data = yaml.safe_load(rendered)
        validate_device(data)
    except jinja2.TemplateError as exc:
        refuse("the dictionary of %s does not render: %s" % (request["hostname"], exc))
    except yaml.YAMLError as exc:
        refuse("the dictionary of %s renders into invalid YAML: %s" % (request["hostname"], str(exc).splitlines()[0]))
    except SubmissionException as exc:
        refuse("LAVA refuses the configuration the dictionary of %s renders: %s" % (request["hostname"], exc))
    answer(ok=True)


def device_add(request):
    hostname = request["hostname"]
    existing = Device.objects.filter(hostname=hostname).first()
    if existing is not None:
        refuse(
            "device %s exists already (%s, health %s); choose another name"
            % (hostname, existing.device_type.name, existing.get_health_display())
        )
    device_type_template(request["type"])
    device_type, _ = DeviceType.objects.get_or_create(name=request["type"])
    worker = Worker.objects.filter(hostname=request["worker"]).first()
    if worker is None:
        refuse("no worker %s in the instance; `worker list` shows its workers" % request["worker"])
    device = Device.objects.create(
        hostname=hostname,
        device_type=device_type,
        worker_host=worker,
        health=Device.HEALTH_REVERSE[request.get("health", "UNKNOWN")],
        description=request.get("description", ""),
    )
    device.log_admin_entry(None, "created by %s" % REASON)
    answer(added=True, healthCheck=device.get_health_check() is not None)


def device_remove(request):
    """Deleted when no job ran on it; else retired, as LAVA's jobs keep their device."""
    device = Device.objects.select_for_update().filter(hostname=request["hostname"]).first()
    if device is None:
        refuse("no device %s in the instance; `device list` shows its devices" % request["hostname"])
    if device.state != Device.STATE_IDLE:
        refuse(
            "device %s is %s; wait for its job to end, or cancel it, then remove it"
            % (device.hostname, device.get_state_display().lower())
        )
    jobs = device.testjobs.count()
    if jobs == 0:
        device.delete()
        answer(deleted=True, jobs=0)
        return
    device.health = Device.HEALTH_RETIRED
    device.log_admin_entry(None, "%s → Retired (%s)" % (device.get_health_display(), REASON))
    device.save()
    answer(deleted=False, retired=True, jobs=jobs)


def device_health(request):
    device = Device.objects.select_for_update().filter(hostname=request["hostname"]).first()
    if device is None:
        refuse("no device %s in the instance; `device list` shows its devices" % request["hostname"])
    previous = device.get_health_display()
    device.health = Device.HEALTH_REVERSE[request["health"]]
    device.log_admin_entry(None, "%s → %s (%s)" % (previous, device.get_health_display(), REASON))
    device.save()
    answer(previous=previous, health=device.get_health_display())


def api_user(request):
    """The tool's own user of the instance's API: it submits and watches jobs, nothing more."""
    user, _ = User.objects.get_or_create(username=request["username"])
    if not user.is_active:
        user.is_active = True
        user.save()
    AuthToken.objects.filter(user=user, description=REASON).exclude(secret=request["token"]).delete()
    AuthToken.objects.get_or_create(user=user, secret=request["token"], defaults={"description": REASON})
    answer(user=user.username)


ACTIONS = {
    "worker-register": worker_register,
    "worker-retire": worker_retire,
    "worker-forget": worker_forget,
    "devices-move": devices_move,
    "device-check": device_check,
    "device-add": device_add,
    "device-remove": device_remove,
    "device-health": device_health,
    "api-user": api_user,
}

request = json.load(sys.stdin)
with transaction.atomic():
    ACTIONS[request["action"]](request)
