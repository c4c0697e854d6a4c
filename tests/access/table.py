"""Who may reach what: the expected outcome of every URL pattern for each role.

Each row: a URL (ids from `world.build_world`), then the outcomes of GET and of POST for the
roles, in this order: anonymous, member of organisation A, member of B, host of A, coordinator,
staff (a platform operator: superuser). An outcome is a status code, `login` (redirect to sign
in) or `denied` (Wagtail's admin sends the user back to the dashboard with "no permission").
"""

from typing import NamedTuple


class P(NamedTuple):
    url: str
    get: str = "?"
    post: str = "?"


# The outcomes that recur, named by who gets through: AUTHOR is the proposal's author (member A)
# with the coordinators and staff; a suffix is what the others get instead of 200.
EVERYONE = "200 200 200 200 200 200"
EVERYONE_405 = "405 405 405 405 405 405"
SIGNED_IN = "login 200 200 200 200 200"
SIGNED_IN_405 = "login 405 405 405 405 405"
SIGNED_IN_302 = "login 302 302 302 302 302"
SIGNED_IN_404 = "login 404 404 404 404 404"
SIGNED_IN_403 = "login 403 403 403 403 403"
AUTHOR = "login 200 denied denied 200 200"
AUTHOR_405 = "login 405 denied denied 405 405"
AUTHOR_302 = "login 302 denied denied 302 302"
AUTHOR_400 = "login 400 denied denied 400 400"
COORDINATORS = "login denied denied denied 200 200"
COORDINATORS_405 = "login denied denied denied 405 405"
COORDINATORS_302 = "login denied denied denied 302 302"
EXCERPT_READERS = "login denied denied denied 200 denied"
EXCERPT_READERS_405 = "login denied denied denied 405 denied"
STAFF = "login denied denied denied denied 200"
STAFF_405 = "login denied denied denied denied 405"
STAFF_302 = "login denied denied denied denied 302"
NOBODY = "login denied denied denied denied denied"
NOT_FOUND = "404 404 404 404 404 404"
GONE = "410 410 410 410 410 410"
LOGIN = "login login login login login login"
# Visits (member B's visit to organisation A): its visitor (B), its host (host A) and the
# coordinator see it; member A, who does not host, and staff get 404 as for no visit at all.
VISIT_PEOPLE = "login 404 200 200 200 404"
VISIT_PEOPLE_400 = "login 404 400 400 400 404"
APPLICANT = "login 404 200 404 200 404"
APPLICANT_302 = "login 404 302 404 302 404"
HOSTS = "login 403 403 200 403 403"
HOSTS_400 = "login 403 403 400 403 403"
PROFILES = "login 200 200 200 403 403"
PROFILES_400 = "login 400 400 400 403 403"

# One row per pattern, one line per row: fmt off keeps the table readable as a table.
# fmt: off
TABLE: dict[str, P | list[P]] = {
    "favicon.ico": P("/favicon.ico", "301 301 301 301 301 301", "301 301 301 301 301 301"),
    "admin/login/": P("/admin/login/", LOGIN, LOGIN),  # wagtailadmin_login
    "admin/": P("/admin/", SIGNED_IN, SIGNED_IN_405),  # wagtailadmin_home
    "admin/test404/": P("/admin/test404/", SIGNED_IN, SIGNED_IN_405),
    "admin/api/main/^pages/": P("/admin/api/main/pages/", SIGNED_IN, SIGNED_IN_405),  # wagtailadmin_api:pages:listing
    "admin/api/main/^pages/<int:pk>/": P("/admin/api/main/pages/{practice}/", SIGNED_IN, SIGNED_IN_405),  # wagtailadmin_api:pages:detail
    "admin/api/main/^pages/find/": P("/admin/api/main/pages/find/", SIGNED_IN_404, SIGNED_IN_405),  # wagtailadmin_api:pages:find
    "admin/api/main/^pages/<int:pk>/action/<str:action_name>/": P("/admin/api/main/pages/{practice}/action/approve/", SIGNED_IN_405, SIGNED_IN_404),  # wagtailadmin_api:pages:action
    "admin/api/main/^documents/": P("/admin/api/main/documents/", SIGNED_IN, SIGNED_IN_405),  # wagtailadmin_api:documents:listing
    "admin/api/main/^documents/<int:pk>/": P("/admin/api/main/documents/{document}/", SIGNED_IN, SIGNED_IN_405),  # wagtailadmin_api:documents:detail
    "admin/api/main/^documents/find/": P("/admin/api/main/documents/find/", SIGNED_IN_404, SIGNED_IN_405),  # wagtailadmin_api:documents:find
    "admin/api/main/^images/": P("/admin/api/main/images/", SIGNED_IN, SIGNED_IN_405),  # wagtailadmin_api:images:listing
    "admin/api/main/^images/<int:pk>/": P("/admin/api/main/images/{image}/", SIGNED_IN, SIGNED_IN_405),  # wagtailadmin_api:images:detail
    "admin/api/main/^images/find/": P("/admin/api/main/images/find/", SIGNED_IN_404, SIGNED_IN_405),  # wagtailadmin_api:images:find
    "admin/failwhale/": P("/admin/failwhale/", NOT_FOUND, NOT_FOUND),  # wagtailadmin_error_test
    "admin/pages/": P("/admin/pages/", "login 302 302 302 200 200", SIGNED_IN_405),  # wagtailadmin_explore_root
    "admin/pages/<int:parent_page_id>/": P("/admin/pages/{library}/", SIGNED_IN, SIGNED_IN_405),  # wagtailadmin_explore
    "admin/pages/<int:parent_page_id>/results/": P("/admin/pages/{library}/results/", SIGNED_IN, SIGNED_IN_405),  # wagtailadmin_explore_results
    "admin/bulk/<str:app_label>/<str:model_name>/<str:action>/": P("/admin/bulk/wagtailcore/page/delete/?id={proposal}", SIGNED_IN, SIGNED_IN_302),  # wagtail_bulk_action
    "admin/pages/add/<slug:content_type_app_name>/<slug:content_type_model_name>/<int:parent_page_id>/": P("/admin/pages/add/cms/practicepage/{library}/", SIGNED_IN, "login 400 400 400 400 400"),  # wagtailadmin_pages:add
    "admin/pages/add/<slug:content_type_app_name>/<slug:content_type_model_name>/<int:parent_page_id>/preview/": P("/admin/pages/add/cms/practicepage/{library}/preview/", SIGNED_IN, SIGNED_IN),  # wagtailadmin_pages:preview_on_add
    "admin/pages/usage/<slug:content_type_app_name>/<slug:content_type_model_name>/": P("/admin/pages/usage/cms/practicepage/", SIGNED_IN, SIGNED_IN_405),  # wagtailadmin_pages:type_use
    "admin/pages/create/<slug:app_label>/<slug:model_name>": P("/admin/pages/create/cms/practicepage", SIGNED_IN_302, SIGNED_IN),  # wagtailadmin_pages:choose_parent
    "admin/pages/usage/<slug:content_type_app_name>/<slug:content_type_model_name>/results/": P("/admin/pages/usage/cms/practicepage/results/", SIGNED_IN, SIGNED_IN_405),  # wagtailadmin_pages:type_use_results
    "admin/pages/<int:page_id>/usage/": P("/admin/pages/{proposal}/usage/", AUTHOR, AUTHOR_405),  # wagtailadmin_pages:usage
    "admin/pages/<int:page_id>/edit/": P("/admin/pages/{proposal}/edit/", AUTHOR, AUTHOR_400),  # wagtailadmin_pages:edit
    "admin/pages/<int:page_id>/edit/preview/": P("/admin/pages/{proposal}/edit/preview/", AUTHOR, AUTHOR),  # wagtailadmin_pages:preview_on_edit
    "admin/pages/<int:page_id>/view_draft/": P("/admin/pages/{proposal}/view_draft/", AUTHOR, AUTHOR),  # wagtailadmin_pages:view_draft
    "admin/pages/<int:parent_page_id>/add_subpage/": P("/admin/pages/{library}/add_subpage/", SIGNED_IN_302, SIGNED_IN_302),  # wagtailadmin_pages:add_subpage
    "admin/pages/<int:page_id>/delete/": P("/admin/pages/{proposal}/delete/", AUTHOR, AUTHOR_302),  # wagtailadmin_pages:delete
    "admin/pages/<int:page_id>/unpublish/": P("/admin/pages/{proposal}/unpublish/", NOBODY, NOBODY),  # wagtailadmin_pages:unpublish
    "admin/pages/<int:page_id>/convert_alias/": P("/admin/pages/{proposal}/convert_alias/", SIGNED_IN_404, SIGNED_IN_404),  # wagtailadmin_pages:convert_alias
    "admin/pages/search/": P("/admin/pages/search/", SIGNED_IN, SIGNED_IN_405),  # wagtailadmin_pages:search
    "admin/pages/search/results/": P("/admin/pages/search/results/", SIGNED_IN, SIGNED_IN_405),  # wagtailadmin_pages:search_results
    "admin/pages/<int:page_to_move_id>/move/": P("/admin/pages/{proposal}/move/", AUTHOR, AUTHOR),  # wagtailadmin_pages:move
    "admin/pages/<int:page_to_move_id>/move/<int:destination_id>/confirm/": P("/admin/pages/{proposal}/move/{library}/confirm/", SIGNED_IN, AUTHOR_302),  # wagtailadmin_pages:move_confirm
    "admin/pages/<int:page_to_move_id>/set_position/": P("/admin/pages/{proposal}/set_position/", SIGNED_IN_405, COORDINATORS),  # wagtailadmin_pages:set_page_position
    "admin/pages/<int:page_id>/copy/": P("/admin/pages/{proposal}/copy/", AUTHOR, AUTHOR_400),  # wagtailadmin_pages:copy
    "admin/pages/workflow/action/<int:page_id>/<slug:action_name>/<int:task_state_id>/": P("/admin/pages/workflow/action/{proposal}/approve/{task_state}/", COORDINATORS, COORDINATORS_302),  # wagtailadmin_pages:workflow_action
    "admin/pages/workflow/collect_action_data/<int:page_id>/<slug:action_name>/<int:task_state_id>/": P("/admin/pages/workflow/collect_action_data/{proposal}/approve/{task_state}/", COORDINATORS, COORDINATORS),  # wagtailadmin_pages:collect_workflow_action_data
    "admin/pages/workflow/confirm_cancellation/<int:page_id>/": P("/admin/pages/workflow/confirm_cancellation/{proposal}/", SIGNED_IN, SIGNED_IN),  # wagtailadmin_pages:confirm_workflow_cancellation
    "admin/pages/workflow/preview/<int:page_id>/<int:task_id>/": P("/admin/pages/workflow/preview/{proposal}/{task}/", COORDINATORS, SIGNED_IN_405),  # wagtailadmin_pages:workflow_preview
    "admin/pages/<int:page_id>/privacy/": P("/admin/pages/{proposal}/privacy/", COORDINATORS, COORDINATORS),  # wagtailadmin_pages:set_privacy
    "admin/pages/<int:page_id>/lock/": P("/admin/pages/{proposal}/lock/", SIGNED_IN_405, COORDINATORS_302),  # wagtailadmin_pages:lock
    "admin/pages/<int:page_id>/unlock/": P("/admin/pages/{proposal}/unlock/", SIGNED_IN_405, STAFF_302),  # wagtailadmin_pages:unlock
    "admin/pages/<int:page_id>/revisions/": P("/admin/pages/{proposal}/revisions/", SIGNED_IN_302, SIGNED_IN_302),  # wagtailadmin_pages:revisions_index
    "admin/pages/<int:page_id>/revisions/<int:revision_id>/view/": P("/admin/pages/{proposal}/revisions/{revision}/view/", AUTHOR, AUTHOR_405),  # wagtailadmin_pages:revisions_view
    "admin/pages/<int:page_id>/revisions/<int:revision_id>/revert/": P("/admin/pages/{proposal}/revisions/{revision}/revert/", AUTHOR, AUTHOR_400),  # wagtailadmin_pages:revisions_revert
    "admin/pages/<int:page_id>/revisions/<int:revision_id>/unschedule/": P("/admin/pages/{proposal}/revisions/{revision}/unschedule/", COORDINATORS, COORDINATORS_302),  # wagtailadmin_pages:revisions_unschedule
    r"admin/pages/^(?P<pk>\d+)/revisions/compare/(?P<revision_id_a>live|earliest|\d+)\.\.\.(?P<revision_id_b>live|latest|\d+)/$": P("/admin/pages/{proposal}/revisions/compare/earliest...latest/", AUTHOR, AUTHOR_405),  # wagtailadmin_pages:revisions_compare
    "admin/pages/<int:page_id>/workflow_history/": P("/admin/pages/{proposal}/workflow_history/", AUTHOR, AUTHOR_405),  # wagtailadmin_pages:workflow_history
    "admin/pages/<int:page_id>/workflow_history/detail/<int:workflow_state_id>/": P("/admin/pages/{proposal}/workflow_history/detail/{workflow_state}/", AUTHOR, AUTHOR_405),  # wagtailadmin_pages:workflow_history_detail
    "admin/pages/<int:page_id>/history/": P("/admin/pages/{proposal}/history/", AUTHOR, AUTHOR_405),  # wagtailadmin_pages:history
    "admin/pages/<int:page_id>/history/results/": P("/admin/pages/{proposal}/history/results/", AUTHOR, AUTHOR_405),  # wagtailadmin_pages:history_results
    "admin/choose-page/": P("/admin/choose-page/", SIGNED_IN, SIGNED_IN_405),  # wagtailadmin_choose_page
    "admin/choose-page/<int:parent_page_id>/": P("/admin/choose-page/{library}/", SIGNED_IN, SIGNED_IN_405),  # wagtailadmin_choose_page_child
    "admin/choose-page/search/": P("/admin/choose-page/search/", SIGNED_IN, SIGNED_IN_405),  # wagtailadmin_choose_page_search
    "admin/choose-page/chosen-multiple/": P("/admin/choose-page/chosen-multiple/", SIGNED_IN, SIGNED_IN_405),  # wagtailadmin_choose_page_chosen_multiple
    "admin/choose-external-link/": P("/admin/choose-external-link/", SIGNED_IN, "400 400 400 400 400 400"),  # wagtailadmin_choose_page_external_link
    "admin/choose-email-link/": P("/admin/choose-email-link/", SIGNED_IN, SIGNED_IN),  # wagtailadmin_choose_page_email_link
    "admin/choose-phone-link/": P("/admin/choose-phone-link/", SIGNED_IN, SIGNED_IN),  # wagtailadmin_choose_page_phone_link
    "admin/choose-anchor-link/": P("/admin/choose-anchor-link/", SIGNED_IN, SIGNED_IN),  # wagtailadmin_choose_page_anchor_link
    "admin/tag-autocomplete/": P("/admin/tag-autocomplete/", SIGNED_IN, SIGNED_IN),  # wagtailadmin_tag_autocomplete
    "admin/tag-autocomplete/<slug:app_name>/<slug:model_name>/": P("/admin/tag-autocomplete/cms/practicetag/", SIGNED_IN_404, SIGNED_IN_404),  # wagtailadmin_tag_model_autocomplete
    "admin/collections/": P("/admin/collections/", STAFF, STAFF_405),  # wagtailadmin_collections:index
    "admin/collections/add/": P("/admin/collections/add/", STAFF, STAFF),  # wagtailadmin_collections:add
    "admin/collections/<int:pk>/": P("/admin/collections/{collection}/", STAFF, STAFF),  # wagtailadmin_collections:edit
    "admin/collections/<int:pk>/delete/": P("/admin/collections/{collection}/delete/", "login 404 404 404 404 200", "login 404 404 404 404 403"),  # wagtailadmin_collections:delete
    "admin/collections/<int:collection_id>/privacy/": P("/admin/collections/{collection}/privacy/", STAFF, STAFF),  # wagtailadmin_collections:set_privacy
    "admin/workflows/list/": P("/admin/workflows/list/", STAFF, STAFF_405),  # wagtailadmin_workflows:index
    "admin/workflows/list/results/": P("/admin/workflows/list/results/", STAFF, STAFF_405),  # wagtailadmin_workflows:index_results
    "admin/workflows/add/": P("/admin/workflows/add/", STAFF, STAFF),  # wagtailadmin_workflows:add
    "admin/workflows/enable/<int:pk>/": P("/admin/workflows/enable/{workflow}/", SIGNED_IN_405, STAFF_302),  # wagtailadmin_workflows:enable
    "admin/workflows/disable/<int:pk>/": P("/admin/workflows/disable/{workflow}/", STAFF, STAFF_302),  # wagtailadmin_workflows:disable
    "admin/workflows/edit/<int:pk>/": P("/admin/workflows/edit/{workflow}/", STAFF, STAFF),  # wagtailadmin_workflows:edit
    "admin/workflows/usage/<int:pk>/": P("/admin/workflows/usage/{workflow}/", STAFF, STAFF_405),  # wagtailadmin_workflows:usage
    "admin/workflows/usage/<int:pk>/results/": P("/admin/workflows/usage/{workflow}/results/", STAFF, STAFF_405),  # wagtailadmin_workflows:usage_results
    "admin/workflows/remove/<int:page_pk>/": P("/admin/workflows/remove/{proposal}/", SIGNED_IN_405, STAFF_302),  # wagtailadmin_workflows:remove
    "admin/workflows/remove/<int:page_pk>/<int:workflow_pk>/": P("/admin/workflows/remove/{proposal}/{workflow}/", SIGNED_IN_405, STAFF_302),  # wagtailadmin_workflows:remove
    "admin/workflows/tasks/add/<str:app_label>/<str:model_name>/": P("/admin/workflows/tasks/add/wagtailcore/groupapprovaltask/", STAFF, STAFF),  # wagtailadmin_workflows:add_task
    "admin/workflows/tasks/select_type/": P("/admin/workflows/tasks/select_type/", STAFF_302, STAFF_302),  # wagtailadmin_workflows:select_task_type
    "admin/workflows/tasks/index/": P("/admin/workflows/tasks/index/", STAFF, STAFF_405),  # wagtailadmin_workflows:task_index
    "admin/workflows/tasks/index/results/": P("/admin/workflows/tasks/index/results/", STAFF, STAFF_405),  # wagtailadmin_workflows:task_index_results
    "admin/workflows/tasks/edit/<int:pk>/": P("/admin/workflows/tasks/edit/{task}/", STAFF, STAFF),  # wagtailadmin_workflows:edit_task
    "admin/workflows/tasks/disable/<int:pk>/": P("/admin/workflows/tasks/disable/{task}/", STAFF, STAFF_302),  # wagtailadmin_workflows:disable_task
    "admin/workflows/tasks/enable/<int:pk>/": P("/admin/workflows/tasks/enable/{task}/", SIGNED_IN_405, STAFF_302),  # wagtailadmin_workflows:enable_task
    "admin/workflows/task_chooser/": P("/admin/workflows/task_chooser/", SIGNED_IN, SIGNED_IN_405),  # wagtailadmin_workflows:task_chooser
    "admin/workflows/task_chooser/results/": P("/admin/workflows/task_chooser/results/", SIGNED_IN, SIGNED_IN_405),  # wagtailadmin_workflows:task_chooser_results
    "admin/workflows/task_chooser/create/": P("/admin/workflows/task_chooser/create/", SIGNED_IN, "login 400 400 400 400 200"),  # wagtailadmin_workflows:task_chooser_create
    "admin/workflows/task_chooser/<int:task_id>/": P("/admin/workflows/task_chooser/{task}/", SIGNED_IN, SIGNED_IN),  # wagtailadmin_workflows:task_chosen
    "admin/reports/locked/": P("/admin/reports/locked/", COORDINATORS, COORDINATORS_405),  # wagtailadmin_reports:locked_pages
    "admin/reports/locked/results/": P("/admin/reports/locked/results/", COORDINATORS, COORDINATORS_405),  # wagtailadmin_reports:locked_pages_results
    "admin/reports/workflow/": P("/admin/reports/workflow/", SIGNED_IN, SIGNED_IN_405),  # wagtailadmin_reports:workflow
    "admin/reports/workflow/results/": P("/admin/reports/workflow/results/", SIGNED_IN, SIGNED_IN_405),  # wagtailadmin_reports:workflow_results
    "admin/reports/workflow_tasks/": P("/admin/reports/workflow_tasks/", SIGNED_IN, SIGNED_IN_405),  # wagtailadmin_reports:workflow_tasks
    "admin/reports/workflow_tasks/results/": P("/admin/reports/workflow_tasks/results/", SIGNED_IN, SIGNED_IN_405),  # wagtailadmin_reports:workflow_tasks_results
    "admin/reports/site-history/": P("/admin/reports/site-history/", SIGNED_IN, SIGNED_IN_405),  # wagtailadmin_reports:site_history
    "admin/reports/site-history/results/": P("/admin/reports/site-history/results/", SIGNED_IN, SIGNED_IN_405),  # wagtailadmin_reports:site_history_results
    "admin/reports/aging-pages/": P("/admin/reports/aging-pages/", SIGNED_IN, SIGNED_IN_405),  # wagtailadmin_reports:aging_pages
    "admin/reports/aging-pages/results/": P("/admin/reports/aging-pages/results/", SIGNED_IN, SIGNED_IN_405),  # wagtailadmin_reports:aging_pages_results
    "admin/reports/page-types-usage/": P("/admin/reports/page-types-usage/", SIGNED_IN, SIGNED_IN_405),  # wagtailadmin_reports:page_types_usage
    "admin/reports/page-types-usage/results/": P("/admin/reports/page-types-usage/results/", SIGNED_IN, SIGNED_IN_405),  # wagtailadmin_reports:page_types_usage_results
    "admin/account/": P("/admin/account/", SIGNED_IN, SIGNED_IN),  # wagtailadmin_account
    "admin/logout/": P("/admin/logout/", SIGNED_IN_405, LOGIN),  # wagtailadmin_logout
    "admin/dismissibles/": P("/admin/dismissibles/", SIGNED_IN, SIGNED_IN_405),  # wagtailadmin_dismissibles
    "admin/editing-sessions/ping/<str:app_label>/<str:model_name>/<str:object_id>/<int:session_id>/": P("/admin/editing-sessions/ping/wagtailcore/page/{proposal}/{editing_session}/", SIGNED_IN_405, "login 200 404 404 200 200"),  # wagtailadmin_editing_sessions:ping
    "admin/editing-sessions/release/<int:session_id>/": P("/admin/editing-sessions/release/{editing_session}/", SIGNED_IN_405, SIGNED_IN),  # wagtailadmin_editing_sessions:release
    "admin/block-preview/": P("/admin/block-preview/", SIGNED_IN_404, SIGNED_IN_405),  # wagtailadmin_block_preview
    "admin/forms/": P("/admin/forms/", SIGNED_IN, SIGNED_IN_405),  # wagtailforms:index
    "admin/forms/results/": P("/admin/forms/results/", SIGNED_IN, SIGNED_IN_405),  # wagtailforms:index_results
    "admin/forms/submissions/<int:page_id>/": P("/admin/forms/submissions/{proposal}/", SIGNED_IN_404, SIGNED_IN_404),  # wagtailforms:list_submissions
    "admin/forms/submissions/<int:page_id>/results/": P("/admin/forms/submissions/{proposal}/results/", SIGNED_IN_404, SIGNED_IN_404),  # wagtailforms:list_submissions_results
    "admin/forms/submissions/<int:page_id>/delete/": P("/admin/forms/submissions/{proposal}/delete/", NOBODY, NOBODY),  # wagtailforms:delete_submissions
    "admin/redirects/": P("/admin/redirects/", STAFF, STAFF_405),  # wagtailredirects:index
    "admin/redirects/results/": P("/admin/redirects/results/", STAFF, STAFF_405),  # wagtailredirects:index_results
    "admin/redirects/add/": P("/admin/redirects/add/", STAFF, STAFF),  # wagtailredirects:add
    "admin/redirects/<int:redirect_id>/": P("/admin/redirects/{redirect}/", STAFF, STAFF),  # wagtailredirects:edit
    "admin/redirects/<int:redirect_id>/delete/": P("/admin/redirects/{redirect}/delete/", STAFF, STAFF_302),  # wagtailredirects:delete
    "admin/redirects/import/": P("/admin/redirects/import/", STAFF, STAFF),  # wagtailredirects:start_import
    "admin/redirects/import/process/": P("/admin/redirects/import/process/", STAFF_405, "400 400 400 400 400 400"),  # wagtailredirects:process_import
    "admin/embeds/chooser/": P("/admin/embeds/chooser/", SIGNED_IN, SIGNED_IN),  # wagtailembeds:chooser
    "admin/embeds/chooser/upload/": P("/admin/embeds/chooser/upload/", SIGNED_IN, SIGNED_IN),  # wagtailembeds:chooser_upload
    "admin/snippets/": P("/admin/snippets/", NOBODY, NOBODY),  # wagtailsnippets:index
    "admin/documents/": P("/admin/documents/", COORDINATORS, COORDINATORS_405),  # wagtaildocs:index
    "admin/documents/results/": P("/admin/documents/results/", COORDINATORS, COORDINATORS_405),  # wagtaildocs:index_results
    "admin/documents/add/": P("/admin/documents/add/", COORDINATORS, COORDINATORS),  # wagtaildocs:add
    "admin/documents/edit/<int:document_id>/": P("/admin/documents/edit/{document}/", COORDINATORS, COORDINATORS),  # wagtaildocs:edit
    "admin/documents/delete/<int:document_id>/": P("/admin/documents/delete/{document}/", COORDINATORS, COORDINATORS_302),  # wagtaildocs:delete
    "admin/documents/multiple/add/": P("/admin/documents/multiple/add/", COORDINATORS, "login denied denied denied 400 400"),  # wagtaildocs:add_multiple
    "admin/documents/multiple/<int:doc_id>/": P("/admin/documents/multiple/{document}/", SIGNED_IN_405, COORDINATORS),  # wagtaildocs:edit_multiple
    "admin/documents/multiple/create_from_uploaded_document/<int:uploaded_file_id>/": P("/admin/documents/multiple/create_from_uploaded_document/{upload}/", SIGNED_IN_405, SIGNED_IN_404),  # wagtaildocs:create_multiple_from_uploaded_document
    "admin/documents/multiple/<int:doc_id>/delete/": P("/admin/documents/multiple/{document}/delete/", SIGNED_IN_405, COORDINATORS),  # wagtaildocs:delete_multiple
    "admin/documents/multiple/delete_upload/<int:uploaded_file_id>/": P("/admin/documents/multiple/delete_upload/{upload}/", SIGNED_IN_405, SIGNED_IN_404),  # wagtaildocs:delete_upload_multiple
    "admin/documents/usage/<int:document_id>/": P("/admin/documents/usage/{document}/", COORDINATORS, COORDINATORS_405),  # wagtaildocs:document_usage
    "admin/images/": P("/admin/images/", SIGNED_IN, SIGNED_IN_405),  # wagtailimages:index
    "admin/images/results/": P("/admin/images/results/", SIGNED_IN, SIGNED_IN_405),  # wagtailimages:index_results
    "admin/images/<int:image_id>/": P("/admin/images/{image}/", AUTHOR, AUTHOR),  # wagtailimages:edit
    "admin/images/<int:image_id>/delete/": P("/admin/images/{image}/delete/", AUTHOR, AUTHOR_302),  # wagtailimages:delete
    "admin/images/<int:image_id>/generate_url/": P("/admin/images/{image}/generate_url/", SIGNED_IN_404, SIGNED_IN_405),  # wagtailimages:url_generator
    "admin/images/<int:image_id>/generate_url/output/": P("/admin/images/{image}/generate_url/output/", SIGNED_IN_404, SIGNED_IN_405),  # wagtailimages:url_generator_output
    "admin/images/<int:image_id>/preview/<str:filter_spec>/": P("/admin/images/{image}/preview/original/", AUTHOR, AUTHOR),  # wagtailimages:preview
    "admin/images/add/": P("/admin/images/add/", SIGNED_IN, SIGNED_IN),  # wagtailimages:add
    "admin/images/usage/<int:image_id>/": P("/admin/images/usage/{image}/", AUTHOR, AUTHOR_405),  # wagtailimages:image_usage
    "admin/images/multiple/add/": P("/admin/images/multiple/add/", SIGNED_IN, "login 400 400 400 400 400"),  # wagtailimages:add_multiple
    "admin/images/multiple/<int:image_id>/": P("/admin/images/multiple/{image}/", SIGNED_IN_405, AUTHOR),  # wagtailimages:edit_multiple
    "admin/images/multiple/create_from_uploaded_image/<int:uploaded_file_id>/": P("/admin/images/multiple/create_from_uploaded_image/{upload}/", SIGNED_IN_405, SIGNED_IN_404),  # wagtailimages:create_multiple_from_uploaded_image
    "admin/images/multiple/<int:image_id>/delete/": P("/admin/images/multiple/{image}/delete/", SIGNED_IN_405, AUTHOR),  # wagtailimages:delete_multiple
    "admin/images/multiple/delete_upload/<int:uploaded_file_id>/": P("/admin/images/multiple/delete_upload/{upload}/", SIGNED_IN_405, SIGNED_IN_404),  # wagtailimages:delete_upload_multiple
    "admin/snippets/cms/challenge/": P("/admin/snippets/cms/challenge/", COORDINATORS, COORDINATORS_405),  # wagtailsnippets_cms_challenge:list
    "admin/snippets/cms/challenge/results/": P("/admin/snippets/cms/challenge/results/", COORDINATORS, COORDINATORS_405),  # wagtailsnippets_cms_challenge:list_results
    "admin/snippets/cms/challenge/add/": P("/admin/snippets/cms/challenge/add/", COORDINATORS, COORDINATORS),  # wagtailsnippets_cms_challenge:add
    "admin/snippets/cms/challenge/edit/<int:pk>/": P("/admin/snippets/cms/challenge/edit/{challenge}/", COORDINATORS, COORDINATORS),  # wagtailsnippets_cms_challenge:edit
    "admin/snippets/cms/challenge/delete/<int:pk>/": P("/admin/snippets/cms/challenge/delete/{challenge}/", COORDINATORS, COORDINATORS_302),  # wagtailsnippets_cms_challenge:delete
    "admin/snippets/cms/challenge/usage/<int:pk>/": P("/admin/snippets/cms/challenge/usage/{challenge}/", COORDINATORS, COORDINATORS_405),  # wagtailsnippets_cms_challenge:usage
    "admin/snippets/cms/challenge/history/<int:pk>/": P("/admin/snippets/cms/challenge/history/{challenge}/", COORDINATORS, COORDINATORS_405),  # wagtailsnippets_cms_challenge:history
    "admin/snippets/cms/challenge/history-results/<int:pk>/": P("/admin/snippets/cms/challenge/history-results/{challenge}/", COORDINATORS, COORDINATORS_405),  # wagtailsnippets_cms_challenge:history_results
    "admin/snippets/cms/challenge/copy/<int:pk>/": P("/admin/snippets/cms/challenge/copy/{challenge}/", COORDINATORS, COORDINATORS),  # wagtailsnippets_cms_challenge:copy
    "admin/snippets/choose/cms/challenge/": P("/admin/snippets/choose/cms/challenge/", SIGNED_IN, SIGNED_IN_405),  # wagtailsnippetchoosers_cms_challenge:choose
    "admin/snippets/choose/cms/challenge/results/": P("/admin/snippets/choose/cms/challenge/results/", SIGNED_IN, SIGNED_IN_405),  # wagtailsnippetchoosers_cms_challenge:choose_results
    "admin/snippets/choose/cms/challenge/chosen/<str:pk>/": P("/admin/snippets/choose/cms/challenge/chosen/{challenge}/", SIGNED_IN, SIGNED_IN_405),  # wagtailsnippetchoosers_cms_challenge:chosen
    "admin/snippets/choose/cms/challenge/chosen-multiple/": P("/admin/snippets/choose/cms/challenge/chosen-multiple/", SIGNED_IN, SIGNED_IN_405),  # wagtailsnippetchoosers_cms_challenge:chosen_multiple
    "admin/snippets/choose/cms/challenge/create/": P("/admin/snippets/choose/cms/challenge/create/", COORDINATORS, EVERYONE_405),  # wagtailsnippetchoosers_cms_challenge:create
    "admin/snippets/cms/synonymgroup/": P("/admin/snippets/cms/synonymgroup/", COORDINATORS, COORDINATORS_405),  # wagtailsnippets_cms_synonymgroup
    "admin/snippets/cms/synonymgroup/results/": P("/admin/snippets/cms/synonymgroup/results/", COORDINATORS, COORDINATORS_405),  # wagtailsnippets_cms_synonymgroup
    "admin/snippets/cms/synonymgroup/add/": P("/admin/snippets/cms/synonymgroup/add/", COORDINATORS, COORDINATORS),  # wagtailsnippets_cms_synonymgroup
    "admin/snippets/cms/synonymgroup/edit/<int:pk>/": P("/admin/snippets/cms/synonymgroup/edit/{synonymgroup}/", COORDINATORS, COORDINATORS),  # wagtailsnippets_cms_synonymgroup
    "admin/snippets/cms/synonymgroup/delete/<int:pk>/": P("/admin/snippets/cms/synonymgroup/delete/{synonymgroup}/", COORDINATORS, COORDINATORS_302),  # wagtailsnippets_cms_synonymgroup
    "admin/snippets/cms/synonymgroup/usage/<int:pk>/": P("/admin/snippets/cms/synonymgroup/usage/{synonymgroup}/", COORDINATORS, COORDINATORS_405),  # wagtailsnippets_cms_synonymgroup
    "admin/snippets/cms/synonymgroup/history/<int:pk>/": P("/admin/snippets/cms/synonymgroup/history/{synonymgroup}/", COORDINATORS, COORDINATORS_405),  # wagtailsnippets_cms_synonymgroup
    "admin/snippets/cms/synonymgroup/history-results/<int:pk>/": P("/admin/snippets/cms/synonymgroup/history-results/{synonymgroup}/", COORDINATORS, COORDINATORS_405),  # wagtailsnippets_cms_synonymgroup
    "admin/snippets/cms/synonymgroup/copy/<int:pk>/": P("/admin/snippets/cms/synonymgroup/copy/{synonymgroup}/", COORDINATORS, COORDINATORS),  # wagtailsnippets_cms_synonymgroup
    "admin/snippets/choose/cms/synonymgroup/": P("/admin/snippets/choose/cms/synonymgroup/", SIGNED_IN, SIGNED_IN_405),  # wagtailsnippetchoosers_cms_synonymgroup
    "admin/snippets/choose/cms/synonymgroup/results/": P("/admin/snippets/choose/cms/synonymgroup/results/", SIGNED_IN, SIGNED_IN_405),  # wagtailsnippetchoosers_cms_synonymgroup
    "admin/snippets/choose/cms/synonymgroup/chosen/<str:pk>/": P("/admin/snippets/choose/cms/synonymgroup/chosen/{synonymgroup}/", SIGNED_IN, SIGNED_IN_405),  # wagtailsnippetchoosers_cms_synonymgroup
    "admin/snippets/choose/cms/synonymgroup/chosen-multiple/": P("/admin/snippets/choose/cms/synonymgroup/chosen-multiple/", SIGNED_IN, SIGNED_IN_405),  # wagtailsnippetchoosers_cms_synonymgroup
    "admin/snippets/choose/cms/synonymgroup/create/": P("/admin/snippets/choose/cms/synonymgroup/create/", COORDINATORS, EVERYONE_405),  # wagtailsnippetchoosers_cms_synonymgroup
    "admin/snippets/cms/setting/": P("/admin/snippets/cms/setting/", COORDINATORS, COORDINATORS_405),  # wagtailsnippets_cms_setting:list
    "admin/snippets/cms/setting/results/": P("/admin/snippets/cms/setting/results/", COORDINATORS, COORDINATORS_405),  # wagtailsnippets_cms_setting:list_results
    "admin/snippets/cms/setting/add/": P("/admin/snippets/cms/setting/add/", COORDINATORS, COORDINATORS),  # wagtailsnippets_cms_setting:add
    "admin/snippets/cms/setting/edit/<int:pk>/": P("/admin/snippets/cms/setting/edit/{setting}/", COORDINATORS, COORDINATORS),  # wagtailsnippets_cms_setting:edit
    "admin/snippets/cms/setting/delete/<int:pk>/": P("/admin/snippets/cms/setting/delete/{setting}/", COORDINATORS, COORDINATORS_302),  # wagtailsnippets_cms_setting:delete
    "admin/snippets/cms/setting/usage/<int:pk>/": P("/admin/snippets/cms/setting/usage/{setting}/", COORDINATORS, COORDINATORS_405),  # wagtailsnippets_cms_setting:usage
    "admin/snippets/cms/setting/history/<int:pk>/": P("/admin/snippets/cms/setting/history/{setting}/", COORDINATORS, COORDINATORS_405),  # wagtailsnippets_cms_setting:history
    "admin/snippets/cms/setting/history-results/<int:pk>/": P("/admin/snippets/cms/setting/history-results/{setting}/", COORDINATORS, COORDINATORS_405),  # wagtailsnippets_cms_setting:history_results
    "admin/snippets/cms/setting/copy/<int:pk>/": P("/admin/snippets/cms/setting/copy/{setting}/", COORDINATORS, COORDINATORS),  # wagtailsnippets_cms_setting:copy
    "admin/snippets/choose/cms/setting/": P("/admin/snippets/choose/cms/setting/", SIGNED_IN, SIGNED_IN_405),  # wagtailsnippetchoosers_cms_setting:choose
    "admin/snippets/choose/cms/setting/results/": P("/admin/snippets/choose/cms/setting/results/", SIGNED_IN, SIGNED_IN_405),  # wagtailsnippetchoosers_cms_setting:choose_results
    "admin/snippets/choose/cms/setting/chosen/<str:pk>/": P("/admin/snippets/choose/cms/setting/chosen/{setting}/", SIGNED_IN, SIGNED_IN_405),  # wagtailsnippetchoosers_cms_setting:chosen
    "admin/snippets/choose/cms/setting/chosen-multiple/": P("/admin/snippets/choose/cms/setting/chosen-multiple/", SIGNED_IN, SIGNED_IN_405),  # wagtailsnippetchoosers_cms_setting:chosen_multiple
    "admin/snippets/choose/cms/setting/create/": P("/admin/snippets/choose/cms/setting/create/", COORDINATORS, EVERYONE_405),  # wagtailsnippetchoosers_cms_setting:create
    "admin/snippets/cms/targetgroup/": P("/admin/snippets/cms/targetgroup/", COORDINATORS, COORDINATORS_405),  # wagtailsnippets_cms_targetgroup:list
    "admin/snippets/cms/targetgroup/results/": P("/admin/snippets/cms/targetgroup/results/", COORDINATORS, COORDINATORS_405),  # wagtailsnippets_cms_targetgroup:list_results
    "admin/snippets/cms/targetgroup/add/": P("/admin/snippets/cms/targetgroup/add/", COORDINATORS, COORDINATORS),  # wagtailsnippets_cms_targetgroup:add
    "admin/snippets/cms/targetgroup/edit/<int:pk>/": P("/admin/snippets/cms/targetgroup/edit/{targetgroup}/", COORDINATORS, COORDINATORS),  # wagtailsnippets_cms_targetgroup:edit
    "admin/snippets/cms/targetgroup/delete/<int:pk>/": P("/admin/snippets/cms/targetgroup/delete/{targetgroup}/", COORDINATORS, COORDINATORS_302),  # wagtailsnippets_cms_targetgroup:delete
    "admin/snippets/cms/targetgroup/usage/<int:pk>/": P("/admin/snippets/cms/targetgroup/usage/{targetgroup}/", COORDINATORS, COORDINATORS_405),  # wagtailsnippets_cms_targetgroup:usage
    "admin/snippets/cms/targetgroup/history/<int:pk>/": P("/admin/snippets/cms/targetgroup/history/{targetgroup}/", COORDINATORS, COORDINATORS_405),  # wagtailsnippets_cms_targetgroup:history
    "admin/snippets/cms/targetgroup/history-results/<int:pk>/": P("/admin/snippets/cms/targetgroup/history-results/{targetgroup}/", COORDINATORS, COORDINATORS_405),  # wagtailsnippets_cms_targetgroup:history_results
    "admin/snippets/cms/targetgroup/copy/<int:pk>/": P("/admin/snippets/cms/targetgroup/copy/{targetgroup}/", COORDINATORS, COORDINATORS),  # wagtailsnippets_cms_targetgroup:copy
    "admin/snippets/choose/cms/targetgroup/": P("/admin/snippets/choose/cms/targetgroup/", SIGNED_IN, SIGNED_IN_405),  # wagtailsnippetchoosers_cms_targetgroup:choose
    "admin/snippets/choose/cms/targetgroup/results/": P("/admin/snippets/choose/cms/targetgroup/results/", SIGNED_IN, SIGNED_IN_405),  # wagtailsnippetchoosers_cms_targetgroup:choose_results
    "admin/snippets/choose/cms/targetgroup/chosen/<str:pk>/": P("/admin/snippets/choose/cms/targetgroup/chosen/{targetgroup}/", SIGNED_IN, SIGNED_IN_405),  # wagtailsnippetchoosers_cms_targetgroup:chosen
    "admin/snippets/choose/cms/targetgroup/chosen-multiple/": P("/admin/snippets/choose/cms/targetgroup/chosen-multiple/", SIGNED_IN, SIGNED_IN_405),  # wagtailsnippetchoosers_cms_targetgroup:chosen_multiple
    "admin/snippets/choose/cms/targetgroup/create/": P("/admin/snippets/choose/cms/targetgroup/create/", COORDINATORS, EVERYONE_405),  # wagtailsnippetchoosers_cms_targetgroup:create
    "admin/snippets/cms/language/": P("/admin/snippets/cms/language/", COORDINATORS, COORDINATORS_405),  # wagtailsnippets_cms_language:list
    "admin/snippets/cms/language/results/": P("/admin/snippets/cms/language/results/", COORDINATORS, COORDINATORS_405),  # wagtailsnippets_cms_language:list_results
    "admin/snippets/cms/language/add/": P("/admin/snippets/cms/language/add/", COORDINATORS, COORDINATORS),  # wagtailsnippets_cms_language:add
    "admin/snippets/cms/language/edit/<int:pk>/": P("/admin/snippets/cms/language/edit/{language}/", COORDINATORS, COORDINATORS),  # wagtailsnippets_cms_language:edit
    "admin/snippets/cms/language/delete/<int:pk>/": P("/admin/snippets/cms/language/delete/{language}/", COORDINATORS, COORDINATORS_302),  # wagtailsnippets_cms_language:delete
    "admin/snippets/cms/language/usage/<int:pk>/": P("/admin/snippets/cms/language/usage/{language}/", COORDINATORS, COORDINATORS_405),  # wagtailsnippets_cms_language:usage
    "admin/snippets/cms/language/history/<int:pk>/": P("/admin/snippets/cms/language/history/{language}/", COORDINATORS, COORDINATORS_405),  # wagtailsnippets_cms_language:history
    "admin/snippets/cms/language/history-results/<int:pk>/": P("/admin/snippets/cms/language/history-results/{language}/", COORDINATORS, COORDINATORS_405),  # wagtailsnippets_cms_language:history_results
    "admin/snippets/cms/language/copy/<int:pk>/": P("/admin/snippets/cms/language/copy/{language}/", COORDINATORS, COORDINATORS),  # wagtailsnippets_cms_language:copy
    "admin/snippets/choose/cms/language/": P("/admin/snippets/choose/cms/language/", SIGNED_IN, SIGNED_IN_405),  # wagtailsnippetchoosers_cms_language:choose
    "admin/snippets/choose/cms/language/results/": P("/admin/snippets/choose/cms/language/results/", SIGNED_IN, SIGNED_IN_405),  # wagtailsnippetchoosers_cms_language:choose_results
    "admin/snippets/choose/cms/language/chosen/<str:pk>/": P("/admin/snippets/choose/cms/language/chosen/{language}/", SIGNED_IN, SIGNED_IN_405),  # wagtailsnippetchoosers_cms_language:chosen
    "admin/snippets/choose/cms/language/chosen-multiple/": P("/admin/snippets/choose/cms/language/chosen-multiple/", SIGNED_IN, SIGNED_IN_405),  # wagtailsnippetchoosers_cms_language:chosen_multiple
    "admin/snippets/choose/cms/language/create/": P("/admin/snippets/choose/cms/language/create/", COORDINATORS, EVERYONE_405),  # wagtailsnippetchoosers_cms_language:create
    "admin/invitations/": P("/admin/invitations/", COORDINATORS, COORDINATORS_405),  # exchange_invitation:index
    "admin/invitations/results/": P("/admin/invitations/results/", COORDINATORS, COORDINATORS_405),  # exchange_invitation:index_results
    "admin/invitations/new/": P("/admin/invitations/new/", COORDINATORS, COORDINATORS),  # exchange_invitation:add
    "admin/invitations/edit/<int:pk>/": P("/admin/invitations/edit/{invitation}/", SIGNED_IN_302, SIGNED_IN_302),  # exchange_invitation:edit
    "admin/invitations/delete/<int:pk>/": P("/admin/invitations/delete/{invitation}/", STAFF, STAFF_302),  # exchange_invitation:delete
    "admin/invitations/history/<int:pk>/": P("/admin/invitations/history/{invitation}/", COORDINATORS, COORDINATORS_405),  # exchange_invitation:history
    "admin/invitations/history-results/<int:pk>/": P("/admin/invitations/history-results/{invitation}/", COORDINATORS, COORDINATORS_405),  # exchange_invitation:history_results
    "admin/invitations/usage/<int:pk>/": P("/admin/invitations/usage/{invitation}/", COORDINATORS, COORDINATORS_405),  # exchange_invitation:usage
    "admin/invitations/inspect/<int:pk>/": P("/admin/invitations/inspect/{invitation}/", COORDINATORS, COORDINATORS_405),  # exchange_invitation:inspect
    "admin/invitations/import/": P("/admin/invitations/import/", COORDINATORS, COORDINATORS),  # exchange_invitation:import
    "admin/invitations/resend/<int:pk>/": P("/admin/invitations/resend/{invitation}/", COORDINATORS_405, COORDINATORS_302),  # exchange_invitation:resend
    "admin/invitations/revoke/<int:pk>/": P("/admin/invitations/revoke/{invitation}/", COORDINATORS_405, COORDINATORS_302),  # exchange_invitation:revoke
    "admin/profiles/": P("/admin/profiles/", COORDINATORS, COORDINATORS_405),  # exchange_profile:index
    "admin/profiles/results/": P("/admin/profiles/results/", COORDINATORS, COORDINATORS_405),  # exchange_profile:index_results
    "admin/profiles/new/": P("/admin/profiles/new/", NOBODY, NOBODY),  # exchange_profile:add: profiles come from invitations
    "admin/profiles/edit/<int:pk>/": P("/admin/profiles/edit/{profile}/", COORDINATORS, COORDINATORS),  # exchange_profile:edit
    "admin/profiles/delete/<int:pk>/": P("/admin/profiles/delete/{profile}/", STAFF, STAFF_302),  # exchange_profile:delete
    "admin/profiles/history/<int:pk>/": P("/admin/profiles/history/{profile}/", COORDINATORS, COORDINATORS_405),  # exchange_profile:history
    "admin/profiles/history-results/<int:pk>/": P("/admin/profiles/history-results/{profile}/", COORDINATORS, COORDINATORS_405),  # exchange_profile:history_results
    "admin/profiles/usage/<int:pk>/": P("/admin/profiles/usage/{profile}/", COORDINATORS, COORDINATORS_405),  # exchange_profile:usage
    "admin/visits/": P("/admin/visits/", COORDINATORS, COORDINATORS_405),
    "admin/visits/results/": P("/admin/visits/results/", COORDINATORS, COORDINATORS_405),
    "admin/visits/new/": P("/admin/visits/new/", NOBODY, NOBODY),
    "admin/visits/edit/<int:pk>/": P("/admin/visits/edit/{visit}/", NOBODY, NOBODY),  # read-only: visits change through their steps
    "admin/visits/delete/<int:pk>/": P("/admin/visits/delete/{visit}/", NOBODY, NOBODY),
    "admin/visits/history/<int:pk>/": P("/admin/visits/history/{visit}/", COORDINATORS, COORDINATORS_405),
    "admin/visits/history-results/<int:pk>/": P("/admin/visits/history-results/{visit}/", COORDINATORS, COORDINATORS_405),
    "admin/visits/usage/<int:pk>/": P("/admin/visits/usage/{visit}/", NOBODY, NOBODY),
    "admin/visits/inspect/<int:pk>/": P("/admin/visits/inspect/{visit}/", COORDINATORS, COORDINATORS_405),
    "admin/exclusions/": P("/admin/exclusions/", COORDINATORS, COORDINATORS_405),
    "admin/exclusions/results/": P("/admin/exclusions/results/", COORDINATORS, COORDINATORS_405),
    "admin/exclusions/new/": P("/admin/exclusions/new/", COORDINATORS, COORDINATORS),
    "admin/exclusions/edit/<int:pk>/": P("/admin/exclusions/edit/{exclusion}/", COORDINATORS, COORDINATORS),
    "admin/exclusions/delete/<int:pk>/": P("/admin/exclusions/delete/{exclusion}/", COORDINATORS, COORDINATORS_302),
    "admin/exclusions/history/<int:pk>/": P("/admin/exclusions/history/{exclusion}/", COORDINATORS, COORDINATORS_405),
    "admin/exclusions/history-results/<int:pk>/": P("/admin/exclusions/history-results/{exclusion}/", COORDINATORS, COORDINATORS_405),
    "admin/exclusions/usage/<int:pk>/": P("/admin/exclusions/usage/{exclusion}/", COORDINATORS, COORDINATORS_405),
    # The quote block's excerpt chooser: the coordinators only (member authors may edit a chapter, not choose among excerpts; staff do not read excerpts); no creation here, ever.
    "admin/excerpt-chooser/": P("/admin/excerpt-chooser/", EXCERPT_READERS, EXCERPT_READERS_405),
    "admin/excerpt-chooser/results/": P("/admin/excerpt-chooser/results/", EXCERPT_READERS, EXCERPT_READERS_405),
    "admin/excerpt-chooser/chosen/<str:pk>/": P("/admin/excerpt-chooser/chosen/{excerpt}/", EXCERPT_READERS, EXCERPT_READERS_405),
    "admin/excerpt-chooser/chosen-multiple/": P("/admin/excerpt-chooser/chosen-multiple/", EXCERPT_READERS, EXCERPT_READERS_405),
    "admin/excerpt-chooser/create/": P("/admin/excerpt-chooser/create/", NOBODY, NOBODY),
    # The coding workbench and its exports: the coordinators only (staff do not read excerpts).
    "admin/coding/": P("/admin/coding/", EXCERPT_READERS, SIGNED_IN_405),
    "admin/coding/codebook/": P("/admin/coding/codebook/", EXCERPT_READERS, SIGNED_IN_405),
    "admin/coding/codes/<int:pk>/": P("/admin/coding/codes/{code}/", EXCERPT_READERS, "login denied denied denied 400 denied"),  # the empty form's refusal
    "admin/coding/excerpts/<int:pk>/": P("/admin/coding/excerpts/{excerpt}/", EXCERPT_READERS, "login denied denied denied 400 denied"),  # the empty form's refusal
    "admin/coding/export/codebook.qdc": P("/admin/coding/export/codebook.qdc", EXCERPT_READERS, SIGNED_IN_405),
    "admin/coding/export/project.qdpx": P("/admin/coding/export/project.qdpx", EXCERPT_READERS, SIGNED_IN_405),
    "admin/chapters/<int:pk>/authors/": P("/admin/chapters/{chapter}/authors/", EXCERPT_READERS, "login denied denied denied 400 denied"),  # the coordinators invite chapter authors
    "admin/concerns/": P("/admin/concerns/", EXCERPT_READERS, SIGNED_IN_405),  # transfer_concerns: the coordinators read the concerns members reported
    "admin/concerns/<int:concern_id>/handled/": P("/admin/concerns/{concern}/handled/", SIGNED_IN_405, "login denied denied denied 302 denied"),  # concern_handled
    "admin/retention/": P("/admin/retention/", EXCERPT_READERS, SIGNED_IN_405),  # the coordinators (the role) see what goes when; whose, never its content
    "admin/evaluation-report/": P("/admin/evaluation-report/", EXCERPT_READERS, "login denied denied denied 400 denied"),  # the coordinators (the role, not staff) preview and publish the yearly report
    "admin/surveys/": P("/admin/surveys/", COORDINATORS, COORDINATORS_405),
    "admin/surveys/results/": P("/admin/surveys/results/", COORDINATORS, COORDINATORS_405),
    "admin/surveys/new/": P("/admin/surveys/new/", COORDINATORS, COORDINATORS),
    "admin/surveys/edit/<int:pk>/": P("/admin/surveys/edit/{survey}/", COORDINATORS, COORDINATORS),
    "admin/surveys/delete/<int:pk>/": P("/admin/surveys/delete/{survey}/", COORDINATORS, COORDINATORS_302),
    "admin/surveys/history/<int:pk>/": P("/admin/surveys/history/{survey}/", COORDINATORS, COORDINATORS_405),
    "admin/surveys/history-results/<int:pk>/": P("/admin/surveys/history-results/{survey}/", COORDINATORS, COORDINATORS_405),
    "admin/surveys/usage/<int:pk>/": P("/admin/surveys/usage/{survey}/", COORDINATORS, COORDINATORS_405),
    "admin/themes/": P("/admin/themes/", COORDINATORS, COORDINATORS_405),
    "admin/themes/results/": P("/admin/themes/results/", COORDINATORS, COORDINATORS_405),
    "admin/themes/new/": P("/admin/themes/new/", COORDINATORS, COORDINATORS),
    "admin/themes/edit/<int:pk>/": P("/admin/themes/edit/{theme}/", COORDINATORS, COORDINATORS),
    "admin/themes/delete/<int:pk>/": P("/admin/themes/delete/{theme}/", COORDINATORS, COORDINATORS_302),
    "admin/themes/history/<int:pk>/": P("/admin/themes/history/{theme}/", COORDINATORS, COORDINATORS_405),
    "admin/themes/history-results/<int:pk>/": P("/admin/themes/history-results/{theme}/", COORDINATORS, COORDINATORS_405),
    "admin/themes/usage/<int:pk>/": P("/admin/themes/usage/{theme}/", COORDINATORS, COORDINATORS_405),
    "admin/case-number-patterns/": P("/admin/case-number-patterns/", COORDINATORS, COORDINATORS_405),
    "admin/case-number-patterns/results/": P("/admin/case-number-patterns/results/", COORDINATORS, COORDINATORS_405),
    "admin/case-number-patterns/new/": P("/admin/case-number-patterns/new/", COORDINATORS, COORDINATORS),
    "admin/case-number-patterns/edit/<int:pk>/": P("/admin/case-number-patterns/edit/{case_pattern}/", COORDINATORS, COORDINATORS),
    "admin/case-number-patterns/delete/<int:pk>/": P("/admin/case-number-patterns/delete/{case_pattern}/", COORDINATORS, COORDINATORS_302),
    "admin/case-number-patterns/history/<int:pk>/": P("/admin/case-number-patterns/history/{case_pattern}/", COORDINATORS, COORDINATORS_405),
    "admin/case-number-patterns/history-results/<int:pk>/": P("/admin/case-number-patterns/history-results/{case_pattern}/", COORDINATORS, COORDINATORS_405),
    "admin/case-number-patterns/usage/<int:pk>/": P("/admin/case-number-patterns/usage/{case_pattern}/", COORDINATORS, COORDINATORS_405),
    "admin/reflection-questions/": P("/admin/reflection-questions/", COORDINATORS, COORDINATORS_405),
    "admin/reflection-questions/results/": P("/admin/reflection-questions/results/", COORDINATORS, COORDINATORS_405),
    "admin/reflection-questions/new/": P("/admin/reflection-questions/new/", COORDINATORS, COORDINATORS),
    "admin/reflection-questions/edit/<int:pk>/": P("/admin/reflection-questions/edit/{question}/", COORDINATORS, COORDINATORS),
    "admin/reflection-questions/delete/<int:pk>/": P("/admin/reflection-questions/delete/{question}/", STAFF, STAFF_302),  # coordinators untick a question instead
    "admin/reflection-questions/history/<int:pk>/": P("/admin/reflection-questions/history/{question}/", COORDINATORS, COORDINATORS_405),
    "admin/reflection-questions/history-results/<int:pk>/": P("/admin/reflection-questions/history-results/{question}/", COORDINATORS, COORDINATORS_405),
    "admin/reflection-questions/usage/<int:pk>/": P("/admin/reflection-questions/usage/{question}/", COORDINATORS, COORDINATORS_405),
    "admin/reflection-questions/reorder/<int:pk>/": P("/admin/reflection-questions/reorder/{question}/", COORDINATORS_405, COORDINATORS),
    "admin/rounds/": P("/admin/rounds/", COORDINATORS, COORDINATORS_405),
    "admin/rounds/results/": P("/admin/rounds/results/", COORDINATORS, COORDINATORS_405),
    "admin/rounds/new/": P("/admin/rounds/new/", COORDINATORS, COORDINATORS),
    "admin/rounds/edit/<int:pk>/": P("/admin/rounds/edit/{round}/", COORDINATORS, COORDINATORS),
    "admin/rounds/delete/<int:pk>/": P("/admin/rounds/delete/{round}/", STAFF, STAFF_302),
    "admin/rounds/history/<int:pk>/": P("/admin/rounds/history/{round}/", COORDINATORS, COORDINATORS_405),
    "admin/rounds/history-results/<int:pk>/": P("/admin/rounds/history-results/{round}/", COORDINATORS, COORDINATORS_405),
    "admin/rounds/usage/<int:pk>/": P("/admin/rounds/usage/{round}/", COORDINATORS, COORDINATORS_405),
    "admin/rounds/review/<int:pk>/": P("/admin/rounds/review/{round}/", COORDINATORS, COORDINATORS_405),
    "admin/rounds/run/<int:pk>/": P("/admin/rounds/run/{round}/", COORDINATORS_405, COORDINATORS_302),
    "admin/rounds/publish/<int:pk>/": P("/admin/rounds/publish/{round}/", COORDINATORS_405, COORDINATORS_302),  # publish: refused with a message, no run yet
    "admin/rounds/swap/<int:pk>/<int:proposal>/<int:window>/": P("/admin/rounds/swap/{round}/999999/1/", COORDINATORS_405, "login denied denied denied 404 404"),
    "admin/rounds/decide/<int:pk>/<int:proposal>/<slug:decision>/": P("/admin/rounds/decide/{round}/999999/pinned/", COORDINATORS_405, "login denied denied denied 404 404"),
    # Locales and translations of content: the site's administrators (wagtail.locales,
    # wagtail.contrib.simple_translation).
    "admin/locales/": P("/admin/locales/", STAFF, STAFF_405),
    "admin/locales/results/": P("/admin/locales/results/", STAFF, STAFF_405),
    "admin/locales/new/": P("/admin/locales/new/", NOBODY, NOBODY),  # every language has one
    "admin/locales/edit/<int:pk>/": P("/admin/locales/edit/{locale}/", STAFF, STAFF),
    "admin/locales/delete/<int:pk>/": P("/admin/locales/delete/{locale}/", STAFF, STAFF),  # in use: refused
    "admin/locales/usage/<int:pk>/": P("/admin/locales/usage/{locale}/", STAFF, STAFF_405),
    "admin/locales/history/<int:pk>/": P("/admin/locales/history/{locale}/", STAFF, STAFF_405),
    "admin/locales/history-results/<int:pk>/": P("/admin/locales/history-results/{locale}/", STAFF, STAFF_405),
    "admin/translation/submit/page/<int:page_id>/": P("/admin/translation/submit/page/{practice}/", STAFF, STAFF),
    "admin/translation/submit/snippet/<slug:app_label>/<slug:model_name>/<str:pk>/": P("/admin/translation/submit/snippet/cms/challenge/{challenge}/", STAFF, STAFF),
    "admin/sites/": P("/admin/sites/", STAFF, STAFF_405),  # wagtailsites:index
    "admin/sites/results/": P("/admin/sites/results/", STAFF, STAFF_405),  # wagtailsites:index_results
    "admin/sites/new/": P("/admin/sites/new/", STAFF, STAFF),  # wagtailsites:add
    "admin/sites/edit/<int:pk>/": P("/admin/sites/edit/{site}/", STAFF, STAFF),  # wagtailsites:edit
    "admin/sites/delete/<int:pk>/": P("/admin/sites/delete/{site}/", STAFF, STAFF_302),  # wagtailsites:delete
    "admin/sites/history/<int:pk>/": P("/admin/sites/history/{site}/", STAFF, STAFF_405),  # wagtailsites:history
    "admin/sites/history-results/<int:pk>/": P("/admin/sites/history-results/{site}/", STAFF, STAFF_405),  # wagtailsites:history_results
    "admin/sites/usage/<int:pk>/": P("/admin/sites/usage/{site}/", STAFF, STAFF_405),  # wagtailsites:usage
    "admin/sites/copy/<int:pk>/": P("/admin/sites/copy/{site}/", STAFF, STAFF),  # wagtailsites:copy
    "admin/users/": P("/admin/users/", STAFF, STAFF_405),  # wagtailusers_users:index
    "admin/users/results/": P("/admin/users/results/", STAFF, STAFF_405),  # wagtailusers_users:index_results
    "admin/users/new/": P("/admin/users/new/", STAFF, STAFF),  # wagtailusers_users:add
    "admin/users/edit/<int:pk>/": P("/admin/users/edit/{user}/", STAFF, STAFF),  # wagtailusers_users:edit
    "admin/users/delete/<int:pk>/": P("/admin/users/delete/{user}/", STAFF, STAFF_302),  # wagtailusers_users:delete
    "admin/users/history/<int:pk>/": P("/admin/users/history/{user}/", STAFF, STAFF_405),  # wagtailusers_users:history
    "admin/users/history-results/<int:pk>/": P("/admin/users/history-results/{user}/", STAFF, STAFF_405),  # wagtailusers_users:history_results
    "admin/users/usage/<int:pk>/": P("/admin/users/usage/{user}/", STAFF, STAFF_405),  # wagtailusers_users:usage
    "admin/users/copy/<int:pk>/": P("/admin/users/copy/{user}/", STAFF, STAFF),  # wagtailusers_users:copy
    "admin/groups/": P("/admin/groups/", STAFF, STAFF_405),  # wagtailusers_groups:index
    "admin/groups/results/": P("/admin/groups/results/", STAFF, STAFF_405),  # wagtailusers_groups:index_results
    "admin/groups/new/": P("/admin/groups/new/", STAFF, STAFF),  # wagtailusers_groups:add
    "admin/groups/edit/<int:pk>/": P("/admin/groups/edit/{group}/", STAFF, STAFF),  # wagtailusers_groups:edit
    "admin/groups/delete/<int:pk>/": P("/admin/groups/delete/{group}/", STAFF, STAFF_302),  # wagtailusers_groups:delete
    "admin/groups/history/<int:pk>/": P("/admin/groups/history/{group}/", STAFF, STAFF_405),  # wagtailusers_groups:history
    "admin/groups/history-results/<int:pk>/": P("/admin/groups/history-results/{group}/", STAFF, STAFF_405),  # wagtailusers_groups:history_results
    "admin/groups/usage/<int:pk>/": P("/admin/groups/usage/{group}/", STAFF, STAFF_405),  # wagtailusers_groups:usage
    "admin/documents/chooser/": P("/admin/documents/chooser/", SIGNED_IN, SIGNED_IN_405),  # wagtaildocs_chooser:choose
    "admin/documents/chooser/results/": P("/admin/documents/chooser/results/", SIGNED_IN, SIGNED_IN_405),  # wagtaildocs_chooser:choose_results
    "admin/documents/chooser/chosen/<str:pk>/": P("/admin/documents/chooser/chosen/{document}/", COORDINATORS, SIGNED_IN_405),  # wagtaildocs_chooser:chosen
    "admin/documents/chooser/chosen-multiple/": P("/admin/documents/chooser/chosen-multiple/", SIGNED_IN, SIGNED_IN_405),  # wagtaildocs_chooser:chosen_multiple
    "admin/documents/chooser/create/": P("/admin/documents/chooser/create/", COORDINATORS, COORDINATORS),  # wagtaildocs_chooser:create
    "admin/images/chooser/": P("/admin/images/chooser/", SIGNED_IN, SIGNED_IN_405),  # wagtailimages_chooser:choose
    "admin/images/chooser/results/": P("/admin/images/chooser/results/", SIGNED_IN, SIGNED_IN_405),  # wagtailimages_chooser:choose_results
    "admin/images/chooser/chosen/<str:pk>/": P("/admin/images/chooser/chosen/{image}/", SIGNED_IN, SIGNED_IN_405),  # wagtailimages_chooser:chosen
    "admin/images/chooser/chosen-multiple/": P("/admin/images/chooser/chosen-multiple/", SIGNED_IN, SIGNED_IN_405),  # wagtailimages_chooser:chosen_multiple
    "admin/images/chooser/create/": P("/admin/images/chooser/create/", SIGNED_IN, SIGNED_IN),  # wagtailimages_chooser:create
    "admin/images/chooser/<int:image_id>/select_format/": P("/admin/images/chooser/{image}/select_format/", SIGNED_IN, SIGNED_IN),  # wagtailimages_chooser:select_format
    "admin/sprite/": P("/admin/sprite/", EVERYONE, EVERYONE),  # wagtailadmin_sprite
    "admin/password_reset/": P("/admin/password_reset/", EVERYONE, EVERYONE),  # wagtailadmin_password_reset
    "admin/password_reset/done/": P("/admin/password_reset/done/", EVERYONE, EVERYONE_405),  # wagtailadmin_password_reset_done
    "admin/password_reset/confirm/<uidb64>/<token>/": P("/admin/password_reset/confirm/MQ/not-a-real-token/", EVERYONE, EVERYONE),  # wagtailadmin_password_reset_confirm
    "admin/password_reset/complete/": P("/admin/password_reset/complete/", EVERYONE, EVERYONE_405),  # wagtailadmin_password_reset_complete
    "admin/jsi18n/": P("/admin/jsi18n/", EVERYONE, EVERYONE_405),  # wagtailadmin_javascript_catalog
    "admin/^.*/$": P("/admin/no-such-admin-page/", SIGNED_IN_404, SIGNED_IN_404),  #
    r"documents/^(\d+)/(.*)$": P("{document_url}", SIGNED_IN, SIGNED_IN),  # wagtaildocs_serve
    "documents/authenticate_with_password/<int:restriction_id>/": P("/documents/authenticate_with_password/{collection_restriction}/", EVERYONE, EVERYONE),  # wagtaildocs_authenticate_with_password
    "accounts/login/": P("/accounts/login/", EVERYONE, EVERYONE),  # account_login
    "accounts/invitation/<str:token>/": P("/accounts/invitation/not-a-real-token/", GONE, GONE),  # invitation_accept
    "accounts/logout/": P("/accounts/logout/", "302 200 200 200 200 200", "302 302 302 302 302 302"),  # account_logout
    "accounts/inactive/": P("/accounts/inactive/", EVERYONE, EVERYONE_405),  # account_inactive
    "accounts/signup/": P("/accounts/signup/", EVERYONE, EVERYONE),  # account_signup
    "accounts/reauthenticate/": P("/accounts/reauthenticate/", SIGNED_IN, SIGNED_IN),  # account_reauthenticate
    # Reauthentication by an e-mailed code is switched off (settings: password or second factor).
    "accounts/reauthenticate/code/": P("/accounts/reauthenticate/code/", SIGNED_IN_403, SIGNED_IN_403),  # account_request_reauthentication_code
    "accounts/reauthenticate/code/confirm/": P("/accounts/reauthenticate/code/confirm/", SIGNED_IN_403, SIGNED_IN_403),  # account_confirm_reauthentication_code
    "accounts/email/": P("/accounts/email/", SIGNED_IN, SIGNED_IN_302),  # account_email
    "accounts/confirm-email/": P("/accounts/confirm-email/", SIGNED_IN_302, SIGNED_IN_302),  # account_email_verification_sent
    "accounts/password/change/": P("/accounts/password/change/", SIGNED_IN, SIGNED_IN),  # account_change_password
    "accounts/password/set/": P("/accounts/password/set/", SIGNED_IN_302, SIGNED_IN_302),  # account_set_password
    "accounts/password/reset/": P("/accounts/password/reset/", EVERYONE, EVERYONE),  # account_reset_password
    "accounts/login/code/confirm/": P("/accounts/login/code/confirm/", SIGNED_IN_302, SIGNED_IN_302),  # account_confirm_login_code
    "accounts/password/reset/key/done/": P("/accounts/password/reset/key/done/", EVERYONE, EVERYONE_405),  # account_reset_password_from_key_done
    "accounts/^password/reset/key/(?P<uidb36>[0-9A-Za-z]+)-(?P<key>.+)/$": P("/accounts/password/reset/key/1-not-a-real-key/", EVERYONE, EVERYONE),  # account_reset_password_from_key
    "accounts/password/reset/done/": P("/accounts/password/reset/done/", EVERYONE, EVERYONE_405),  # account_reset_password_done
    "accounts/2fa/": P("/accounts/2fa/", SIGNED_IN, SIGNED_IN_405),  # mfa_index
    "accounts/2fa/authenticate/": P("/accounts/2fa/authenticate/", SIGNED_IN_302, SIGNED_IN_302),  # mfa_authenticate
    "accounts/2fa/reauthenticate/": P("/accounts/2fa/reauthenticate/", "login 302 302 302 200 200", "login 302 302 302 200 200"),  # mfa_reauthenticate
    "accounts/2fa/totp/activate/": P("/accounts/2fa/totp/activate/", SIGNED_IN_302, SIGNED_IN_302),  # mfa_activate_totp
    "accounts/2fa/totp/deactivate/": P("/accounts/2fa/totp/deactivate/", "login 404 404 404 302 302", "login 404 404 404 302 302"),  # mfa_deactivate_totp
    "accounts/2fa/recovery-codes/": P("/accounts/2fa/recovery-codes/", SIGNED_IN_404, SIGNED_IN_405),  # mfa_view_recovery_codes
    "accounts/2fa/recovery-codes/generate/": P("/accounts/2fa/recovery-codes/generate/", SIGNED_IN_302, SIGNED_IN_302),  # mfa_generate_recovery_codes
    "accounts/2fa/recovery-codes/download/": P("/accounts/2fa/recovery-codes/download/", SIGNED_IN_404, SIGNED_IN_404),  # mfa_download_recovery_codes
    "accounts/2fa/webauthn/": P("/accounts/2fa/webauthn/", SIGNED_IN, SIGNED_IN_405),  # mfa_list_webauthn
    "accounts/2fa/webauthn/add/": P("/accounts/2fa/webauthn/add/", SIGNED_IN_302, SIGNED_IN_302),  # mfa_add_webauthn
    "accounts/2fa/webauthn/reauthenticate/": P("/accounts/2fa/webauthn/reauthenticate/", SIGNED_IN_302, SIGNED_IN_302),  # mfa_reauthenticate_webauthn
    "accounts/2fa/webauthn/keys/<int:pk>/remove/": P("/accounts/2fa/webauthn/keys/{authenticator}/remove/", SIGNED_IN_302, SIGNED_IN_302),  # mfa_remove_webauthn
    "accounts/2fa/webauthn/keys/<int:pk>/edit/": P("/accounts/2fa/webauthn/keys/{authenticator}/edit/", SIGNED_IN_302, SIGNED_IN_302),  # mfa_edit_webauthn
    "accounts/sessions/": P("/accounts/sessions/", SIGNED_IN, SIGNED_IN_302),  # usersessions_list
    "accounts/": P("/accounts/", SIGNED_IN, EVERYONE_405),  # account_hub
    "search/": P("/search/", EVERYONE, EVERYONE_405),  # search
    "reports/": P("/reports/", EVERYONE, EVERYONE_405),  # report_list
    "health/": P("/health/", EVERYONE, EVERYONE_405),  # health
    "language/": P("/language/?language=de&next=/", "302 302 302 302 302 302", "302 302 302 302 302 302"),  # choose_language: a visitor's link, a member's form
    "search/autocomplete/": P("/search/autocomplete/", EVERYONE, EVERYONE_405),  # search_autocomplete
    "profile/": P("/profile/", SIGNED_IN, SIGNED_IN),  # profile: an explanation for accounts without one
    "profile/data/": P("/profile/data/", SIGNED_IN, EVERYONE_405),  # personal_data
    "notifications/": P("/notifications/", SIGNED_IN, EVERYONE_405),  # notifications: the inbox
    "notifications/read/": P("/notifications/read/", EVERYONE_405, SIGNED_IN_302),  # notifications_read: mark all read
    "notifications/<int:pk>/": P("/notifications/{notification}/", "login 302 404 404 404 404", EVERYONE_405),  # notification_open: its recipient only
    "notifications/settings/": P("/notifications/settings/", SIGNED_IN, SIGNED_IN),  # notification_settings: an empty POST is refused with its errors
    "notifications/unsubscribe/<str:token>/": [P("/notifications/unsubscribe/{unsubscribe}/", EVERYONE, EVERYONE), P("/notifications/unsubscribe/not-a-token/", NOT_FOUND, NOT_FOUND)],  # notification_unsubscribe: the signed token is the key (RFC 8058 one-click POST)
    "profile/data/export/": P("/profile/data/export/", EVERYONE_405, SIGNED_IN_302),  # export_personal_data: asks for the password first
    "profile/delete/": P("/profile/delete/", EVERYONE_405, SIGNED_IN_302),  # delete_account: asks for the password first
    "members/": P("/members/", SIGNED_IN, EVERYONE_405),  # member_directory
    "dashboard/": P("/dashboard/", SIGNED_IN, EVERYONE_405),
    "welcome/": P("/welcome/", SIGNED_IN, EVERYONE_405),
    "visits/": P("/visits/", SIGNED_IN, EVERYONE_405),
    "offers/": P("/offers/", SIGNED_IN, EVERYONE_405),
    "offers/new/": P("/offers/new/", HOSTS, HOSTS_400),
    "offers/<int:pk>/": P("/offers/{offer}/", SIGNED_IN, EVERYONE_405),
    "offers/<int:pk>/edit/": P("/offers/{offer}/edit/", HOSTS, HOSTS_400),
    "apply/": [P("/apply/", PROFILES, PROFILES_400), P("/apply/?offer={offer}", "login 403 200 403 403 403", "login 403 400 403 403 403")],  # members with a profile; not to their own organisation's offer
    "applications/<int:pk>/": P("/applications/{application}/", APPLICANT, EVERYONE_405),
    "applications/<int:pk>/withdraw/": P("/applications/{application}/withdraw/", EVERYONE_405, APPLICANT_302),  # the coordinator is told only the applicant can
    # Reflections: member B's answer, shared with the coordinators. Its author and the
    # coordinators read it; host A is not B's partner (the second host signed for A).
    "reflections/": P("/reflections/", SIGNED_IN, EVERYONE_405),
    "reflections/<int:entry_id>/": P("/reflections/{entry}/", "login 404 200 404 200 404", EVERYONE_405),
    "reflections/<int:entry_id>/share/": P("/reflections/{entry}/share/", EVERYONE_405, "login 400 400 400 400 400"),  # the empty form: 400 before any lookup
    "reflections/<int:entry_id>/excerpt/": P("/reflections/{entry}/excerpt/", "login 404 200 404 404 404", "login 404 400 404 404 404"),  # only the answer's author proposes
    # Excerpts: member B's, consented to. Its author and the coordinators see it, nobody else.
    "excerpts/": P("/excerpts/", SIGNED_IN, EVERYONE_405),
    "excerpts/<int:pk>/": P("/excerpts/{excerpt}/", "login 404 200 404 200 404", EVERYONE_405),
    "excerpts/<int:pk>/revise/": P("/excerpts/{excerpt}/revise/", EVERYONE_405, "login 404 400 404 400 404"),
    "excerpts/<int:pk>/approve/": P("/excerpts/{excerpt}/approve/", EVERYONE_405, "login 404 400 404 400 404"),
    "excerpts/<int:pk>/suggest/": P("/excerpts/{excerpt}/suggest/", EVERYONE_405, "login 404 400 404 400 404"),
    "excerpts/<int:pk>/withdraw/": P("/excerpts/{excerpt}/withdraw/", EVERYONE_405, "login 404 302 404 409 404"),  # the author withdraws; the coordinator's try is refused: not theirs
    "visits/<int:pk>/reflections/": P("/visits/{visit}/reflections/", "login 404 200 404 200 404", EVERYONE_405),
    "visits/<int:pk>/surveys/<slug:kind>/": P("/visits/{visit}/surveys/after_visit/", "login 404 200 404 404 404", "login 404 409 404 404 404"),  # its visitor and host mentor only
    "visits/<int:pk>/reflections/<slug:phase>/": P("/visits/{visit}/reflections/before/", "login 404 200 404 404 404", "login 404 400 404 404 404"),  # only its two authors keep a log
    # What visits change: the take-home page is its visitor's (B) and its hosts' (host A) alone.
    "visits/<int:pk>/take-home/": P("/visits/{visit}/take-home/", "login 404 200 200 404 404", EVERYONE_405),  # transfer_take_home
    "visits/<int:pk>/take-home/practices/": P("/visits/{visit}/take-home/practices/", EVERYONE_405, "login 404 400 400 404 404"),  # the empty form: 400
    "visits/<int:pk>/take-home/practices/<int:seen>/remove/": P("/visits/{visit}/take-home/practices/{seen}/remove/", EVERYONE_405, "login 404 302 302 404 404"),  # the host lists before the visit; the visitor too
    "visits/<int:pk>/take-home/practices/<int:seen>/intention/": P("/visits/{visit}/take-home/practices/{seen}/intention/", EVERYONE_405, "login 404 400 400 404 404"),
    "visits/<int:pk>/take-home/follow-up/<int:month>/": P("/visits/{visit}/take-home/follow-up/3/", "login 404 200 404 404 404", "login 404 409 404 404 404"),  # the visitor's alone; not open before the visit
    "visits/<int:pk>/take-home/passed-on/": P("/visits/{visit}/take-home/passed-on/", EVERYONE_405, "login 404 400 400 404 404"),
    "visits/<int:pk>/take-home/passed-on/<int:item>/remove/": P("/visits/{visit}/take-home/passed-on/99999/remove/", EVERYONE_405, "login 404 409 409 404 404"),  # none of theirs
    "practices/<int:page_id>/concern/": P("/practices/{practice}/concern/", SIGNED_IN, "login 400 400 400 400 400"),  # transfer_concern: any member reports; the empty form: 400
    "visits/<int:pk>/": P("/visits/{visit}/", VISIT_PEOPLE, EVERYONE_405),
    "visits/<int:pk>/agreement/": P("/visits/{visit}/agreement/", EVERYONE_405, VISIT_PEOPLE_400),
    "visits/<int:pk>/agreement/print/": P("/visits/{visit}/agreement/print/", VISIT_PEOPLE, EVERYONE_405),  # agreement_print
    "visits/<int:pk>/messages/": P("/visits/{visit}/messages/", EVERYONE_405, VISIT_PEOPLE_400),  # visit_message: a coordinator's form fails first, then the service refuses
    "visits/<int:pk>/amendments/": P("/visits/{visit}/amendments/", EVERYONE_405, VISIT_PEOPLE_400),
    "visits/<int:pk>/amendments/<int:number>/confirm/": P("/visits/{visit}/amendments/1/confirm/", EVERYONE_405, "login 404 409 302 409 404"),  # B proposed it; host A confirms
    "visits/<int:pk>/agenda/": P("/visits/{visit}/agenda/", EVERYONE_405, VISIT_PEOPLE_400),
    "visits/<int:pk>/agenda/<int:item>/delete/": P("/visits/{visit}/agenda/{agenda_item}/delete/", EVERYONE_405, "login 404 409 302 409 404"),  # the host sets the agenda
    "visits/<int:pk>/amendments/<int:number>/decline/": P("/visits/{visit}/amendments/1/decline/", EVERYONE_405, VISIT_PEOPLE_400),  # the reason is required: the empty form answers 400
    "visits/<int:pk>/cancel/": P("/visits/{visit}/cancel/", VISIT_PEOPLE, VISIT_PEOPLE_400),  # the page that asks first; the reason is required
    "visits/<int:pk>/<slug:step>/": [P("/visits/{visit}/complete/", EVERYONE_405, "login 404 409 409 409 404"), P("/visits/{visit}/fly/", EVERYONE_405, SIGNED_IN_404)],  # complete: not before the first day
    "calendar/": P("/calendar/", SIGNED_IN, SIGNED_IN_302),  # POST: a new address
    "calendar/<slug:token>.ics": [P("/calendar/{feed_token}.ics", EVERYONE, EVERYONE_405), P("/calendar/not-a-token.ics", NOT_FOUND, EVERYONE_405), P("/calendar/nul%00byte.ics", NOT_FOUND, NOT_FOUND)],  # the token is the key
    "_util/authenticate_with_password/<int:page_view_restriction_id>/<int:page_id>/": P("/_util/authenticate_with_password/{password_restriction}/{by_password}/", EVERYONE, EVERYONE),  # wagtailcore_authenticate_with_password
    "_util/login/": P("/_util/login/", LOGIN, LOGIN),  # wagtailcore_login
    r"^((?:[\w\-]+/)*)$": [  # wagtail_serve: the site's pages
        P("/", EVERYONE, EVERYONE),
        P("{practice_url}", EVERYONE, EVERYONE),
        P("/organisations/{org_a_slug}/", EVERYONE, EVERYONE),
        P("{restricted_url}", SIGNED_IN, SIGNED_IN),  # a page only signed-in visitors may see
        P("{proposal_url}", NOT_FOUND, NOT_FOUND),  # a draft: not served to anyone
        P("/no-such-page/", NOT_FOUND, NOT_FOUND),
    ],
}
# fmt: on
