"""Every encrypted column is an EncryptedTextField (exchange/encryption.py), named for what it
holds; the columns and their contents stay as they were (same names, same tokens), so only
Django's picture of them changes. Second-factor secrets, which allauth stored in the clear, are
encrypted with the site's keys (exchange.membership.adapters.MFAAdapter)."""

from django.db import migrations, models
from django.db.models import Q

import exchange.encryption

CHANGED = [
    # model, old field (its column), new field, options
    ("entryversion", "ciphertext", "text", {"editable": False}),
    ("excerptversion", "ciphertext", "text", {"editable": False}),
    ("excerptversion", "reason_ciphertext", "reason", {"editable": False, "blank": True}),
    ("excerptversion", "findings_ciphertext", "findings", {"editable": False, "blank": True}),
    ("surveyanswer", "text_ciphertext", "text", {"editable": False, "blank": True}),
    ("visitmessage", "ciphertext", "text", {}),
]


def state_operations():
    operations = [migrations.RemoveConstraint(model_name="surveyanswer", name="one_kind_of_answer")]
    for model, old, new, options in CHANGED:
        operations += [
            migrations.RemoveField(model_name=model, name=old),
            migrations.AddField(
                model_name=model,
                name=new,
                field=exchange.encryption.EncryptedTextField(db_column=old, **options),
                preserve_default=False,
            ),
        ]
    operations.append(
        migrations.AddConstraint(
            model_name="surveyanswer",
            constraint=models.CheckConstraint(
                condition=Q(number__isnull=True) | Q(choice="", text=""),
                name="one_kind_of_answer",
            ),
        )
    )
    return operations


def encrypt_second_factor_secrets(apps, schema_editor):
    Authenticator = apps.get_model("mfa", "Authenticator")
    for authenticator in Authenticator.objects.all():
        authenticator.data = exchange.encryption.rotate_authenticator_data(authenticator.data)
        authenticator.save(update_fields=["data"])


def decrypt_second_factor_secrets(apps, schema_editor):
    """Back to allauth's clear storage, for a rollback past this migration."""
    Authenticator = apps.get_model("mfa", "Authenticator")
    decrypt = exchange.encryption.decrypt
    for authenticator in Authenticator.objects.all():
        data = dict(authenticator.data)
        for name in exchange.encryption.AUTHENTICATOR_SECRETS:
            if isinstance(data.get(name), str):
                data[name] = decrypt(data[name])
            elif isinstance(data.get(name), list):
                data[name] = [decrypt(value) for value in data[name]]
        authenticator.data = data
        authenticator.save(update_fields=["data"])


class Migration(migrations.Migration):
    dependencies = [
        ("exchange", "0018_questions_in_german_and_french"),
        ("mfa", "0003_authenticator_type_uniq"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(state_operations=state_operations()),
        migrations.RunPython(encrypt_second_factor_secrets, decrypt_second_factor_secrets),
    ]
