# Checks the generated data set with LAVA's own code; run inside the instance by generate:
#   lava-deployment-tool --root ROOT manage NAME shell -c "exec(open('.../check_lava.py').read())"
# - a sample of job definitions (every 97th job, and every device type's health check) passes
#   LAVA's submission checks (validate_job) and its job schema (lava_common.schemas.validate, as
#   `check --deploy` runs it), and the stored definition is yaml_safe_dump() of the original;
# - every device dictionary renders (Device.is_valid(), as `check --deploy`).
# Raises (non-zero exit) on the first problem.
from django.conf import settings
from lava_common.compat import yaml_safe_dump, yaml_safe_load
from lava_common.schemas import validate
from lava_scheduler_app.dbutils import validate_job
from lava_scheduler_app.models import Device, TestJob

ids = set(TestJob.objects.extra(where=["id %% 97 = 0"]).values_list("id", flat=True))
for dt in TestJob.objects.filter(health_check=True).values_list("requested_device_type", flat=True).distinct():
    ids.add(TestJob.objects.filter(health_check=True, requested_device_type=dt).order_by("-id").values_list("id", flat=True)[0])
for job in TestJob.objects.filter(id__in=ids):
    data = yaml_safe_load(job.original_definition)
    validate_job(job.original_definition)
    validate(data, strict=False, extra_context_variables=settings.EXTRA_CONTEXT_VARIABLES)
    if yaml_safe_dump(data) != job.definition:
        raise RuntimeError("job %d: definition is not yaml_safe_dump(original_definition)" % job.id)
devices = list(Device.objects.all())
for device in devices:
    if not device.is_valid():
        raise RuntimeError("device %s: invalid device dictionary" % device.hostname)
print("LAVA accepts %d sampled job definitions and %d device dictionaries" % (len(ids), len(devices)))
